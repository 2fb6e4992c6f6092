using Microsoft.Data.Sqlite;
using Monitor.Abstractions.Accounts;
using Monitor.Grains.Observations;

namespace Monitor.Grains.Directories;

/// <summary>The directory table in SQLite.</summary>
internal sealed class SqliteAccountDirectoryStore(string dataSource, string serviceId, TimeSpan busyTimeout, TimeProvider time, SchemaGate schema)
    : IAccountDirectoryStore
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = dataSource,
        Pooling = true,
        DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
    }.ToString();

    public async Task<IReadOnlyList<AccountSummary>> LoadAsync(CancellationToken cancellationToken)
    {
        await schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = DirectorySql.Select;
        command.Parameters.AddWithValue("@service", serviceId);
        return await DirectoryJson.ReadSummariesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task ApplyAsync(IReadOnlyList<DirectoryChange> changes, CancellationToken cancellationToken)
    {
        await schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = DirectorySql.Upsert;
        await using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = DirectorySql.Delete;
        var updated = ObservationTime.ToUnixMicroseconds(time.GetUtcNow());
        foreach (var change in changes)
        {
            if (change.Summary is { } summary)
            {
                upsert.Parameters.Clear();
                upsert.Parameters.AddWithValue("@service", serviceId);
                upsert.Parameters.AddWithValue("@account", summary.Account);
                upsert.Parameters.AddWithValue("@platform", summary.Platform);
                upsert.Parameters.AddWithValue("@handle", (object?)summary.Profile.Handle ?? DBNull.Value);
                upsert.Parameters.AddWithValue("@name", (object?)summary.Profile.DisplayName ?? DBNull.Value);
                upsert.Parameters.AddWithValue("@groups", DirectoryJson.Serialize(summary.Profile.Groups));
                upsert.Parameters.AddWithValue("@tags", DirectoryJson.Serialize(summary.Profile.Tags));
                upsert.Parameters.AddWithValue("@summary", DirectoryJson.Serialize(summary));
                upsert.Parameters.AddWithValue("@updated", updated);
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                delete.Parameters.Clear();
                delete.Parameters.AddWithValue("@service", serviceId);
                delete.Parameters.AddWithValue("@account", change.Account);
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
