using System.Data.Common;
using System.Runtime.CompilerServices;
using Monitor.Storage.GroupCommit;

namespace Monitor.Grains.Observations;

/// <summary>
/// What the SQLite and PostgreSQL observation logs share: appends wait for one group-commit queue (each store commits a
/// batch its own way), and replays and counts select an account's rows after a sequence (each store encodes time its own way).
/// </summary>
public abstract class SqlObservationLog : IObservationLog, IAsyncDisposable
{
    private readonly SchemaGate _schema;
    private readonly GroupCommitQueue<PendingAppend<ObservationRow>> _appends;

    private protected SqlObservationLog(string writerName, int maxBatchRows, SchemaGate schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        _appends = AppendQueue.Create<ObservationRow>(writerName, maxBatchRows, CommitAsync);
    }

    /// <summary>
    /// The log's schema migration, run on first use; the silo runs it at start (<see cref="SchemaMigrationLifecycle"/>), so
    /// an upgrade that rewrites a large log delays readiness instead of timing out the first requests.
    /// </summary>
    internal SchemaGate Schema => _schema;

    /// <summary>Group-commit transactions so far.</summary>
    public long Batches => _appends.Batches;

    /// <inheritdoc />
    public async Task<long> AppendAsync(IReadOnlyList<ObservationRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await _appends.AppendAsync(rows).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ObservationRow> ReadAfterAsync(string account, long afterSeq, DateTimeOffset notBefore = default, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RowsAfterCommand(connection, "seq, ts, followers, following, posts, source", account, afterSeq, long.MaxValue, notBefore);
        command.CommandText += " ORDER BY seq";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new ObservationRow(
                account,
                ReadTimestamp(reader, 1),
                reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetInt64(0));
        }
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(string account, long afterSeq, long upToSeq, DateTimeOffset notBefore, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RowsAfterCommand(connection, "count(*)", account, afterSeq, upToSeq, notBefore);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlySet<DateTimeOffset>> FindStoredAsync(string account, IReadOnlyList<DateTimeOffset> timestamps, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        ArgumentNullException.ThrowIfNull(timestamps);
        var found = new HashSet<DateTimeOffset>();
        if (timestamps.Count == 0)
        {
            return found;
        }

        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = StoredAmongCommand(connection, account, timestamps);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(ReadTimestamp(reader, 0));
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<long> DeleteAccountAsync(string account, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DeleteAccountCommand(connection, account);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits what is queued, then releases the store's writer.</summary>
    public async ValueTask DisposeAsync()
    {
        await _appends.DisposeAsync().ConfigureAwait(false);
        await DisposeWriterAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Commits a group batch in one transaction; the result is what <see cref="AppendAsync"/> returns. Runs on the queue's one commit loop only.</summary>
    private protected abstract Task<long> CommitAsync(IReadOnlyList<IReadOnlyList<ObservationRow>> writes, int rowCount);

    /// <summary>An open connection for one read.</summary>
    private protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Selects <paramref name="columns"/> of the rows of one account with a sequence in (afterSeq, upToSeq] stamped at or
    /// after notBefore: what a replay reads and what a checkpoint counts.
    /// </summary>
    private protected abstract DbCommand RowsAfterCommand(DbConnection connection, string columns, string account, long afterSeq, long upToSeq, DateTimeOffset notBefore);

    /// <summary>Selects the timestamps (one column) among <paramref name="timestamps"/> the log holds for the account.</summary>
    private protected abstract DbCommand StoredAmongCommand(DbConnection connection, string account, IReadOnlyList<DateTimeOffset> timestamps);

    /// <summary>Deletes every row of one account.</summary>
    private protected abstract DbCommand DeleteAccountCommand(DbConnection connection, string account);

    /// <summary>A timestamp column as the store encodes it.</summary>
    private protected abstract DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal);

    /// <summary>Closes the writer's connection (after the last batch is committed).</summary>
    private protected abstract ValueTask DisposeWriterAsync();
}
