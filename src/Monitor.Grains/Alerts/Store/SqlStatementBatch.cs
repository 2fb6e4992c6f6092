using System.Data.Common;

namespace Monitor.Grains.Alerts.Store;

/// <summary>
/// Statements that must take effect together, sent as few round trips as the provider allows: one <see cref="DbBatch"/>
/// (on PostgreSQL a batch is one implicit transaction: one round trip for the whole commit), or, for a provider without
/// batches (SQLite, in process, where a round trip costs nothing), one command after another in a transaction.
/// </summary>
internal sealed class SqlStatementBatch(AlertStoreDatabase database)
{
    // Very large commits (a legacy import, a silence over many alerts) go in an explicit transaction in batches this big.
    private const int StatementsPerBatch = 1_000;

    private readonly List<(string Sql, (string Name, object? Value)[] Parameters)> _statements = [];

    public int Count => _statements.Count;

    public void Add(string sql, params (string Name, object? Value)[] parameters) => _statements.Add((sql, parameters));

    public async Task ExecuteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (_statements.Count == 0)
        {
            return;
        }

        if (connection.CanCreateBatch && _statements.Count <= StatementsPerBatch)
        {
            await ExecuteBatchAsync(connection, null, _statements, cancellationToken).ConfigureAwait(false);
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (connection.CanCreateBatch)
        {
            foreach (var chunk in _statements.Chunk(StatementsPerBatch))
            {
                await ExecuteBatchAsync(connection, transaction, chunk, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            foreach (var (sql, parameters) in _statements)
            {
                await database.ExecuteAsync(connection, transaction, sql, cancellationToken, parameters).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the statements in <paramref name="transaction"/>, which the caller commits.</summary>
    public async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (connection.CanCreateBatch)
        {
            foreach (var chunk in _statements.Chunk(StatementsPerBatch))
            {
                await ExecuteBatchAsync(connection, transaction, chunk, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        foreach (var (sql, parameters) in _statements)
        {
            await database.ExecuteAsync(connection, transaction, sql, cancellationToken, parameters).ConfigureAwait(false);
        }
    }

    private async Task ExecuteBatchAsync(DbConnection connection, DbTransaction? transaction,
        IReadOnlyCollection<(string Sql, (string Name, object? Value)[] Parameters)> statements, CancellationToken cancellationToken)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var (sql, parameters) in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            database.AddServiceAndParameters(command.Parameters, command.CreateParameter, parameters);
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
