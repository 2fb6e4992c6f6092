using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using Monitor.Storage;

namespace Monitor.Grains.Observations;

/// <summary>
/// The observation log in PostgreSQL. One writer connection commits group batches, each with one binary COPY straight
/// into the log. Account grains append only points their history has not seen, so a row the log already holds is rare
/// (a retry after a commit whose outcome was unknown, a re-sent import); it fails that COPY with a unique violation, and
/// the batch is committed again through a temporary table with INSERT ... SELECT ... ON CONFLICT DO NOTHING.
/// </summary>
public sealed class PostgresObservationLog : IObservationLog, IAsyncDisposable
{
    private const string CreateStagingSql =
        "CREATE TEMPORARY TABLE IF NOT EXISTS observation_incoming " +
        "(account text NOT NULL, ts timestamptz NOT NULL, followers bigint NOT NULL, following bigint, posts bigint, source text) " +
        "ON COMMIT DELETE ROWS";

    private const string CopySql =
        "COPY observation_incoming (account, ts, followers, following, posts, source) FROM STDIN (FORMAT BINARY)";

    private const string DirectCopySql =
        "COPY observation (service_id, account, ts, followers, following, posts, source) FROM STDIN (FORMAT BINARY)";

    // The sequence is not cached (see the 1003 migration), so its last value in this session is the batch's highest seq.
    private const string HighWaterSql = "SELECT currval(pg_get_serial_sequence('observation', 'seq'))";

    private const string UniqueViolation = "23505";

    private const string MergeSql =
        "WITH added AS (INSERT INTO observation (service_id, account, ts, followers, following, posts, source) " +
        "SELECT $1, account, ts, followers, following, posts, source FROM observation_incoming ORDER BY account, ts " +
        "ON CONFLICT DO NOTHING RETURNING seq) SELECT coalesce(max(seq), 0) FROM added";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresObservationLogOptions _options;
    private readonly SchemaGate _schema;
    private readonly GroupCommitWriter<ObservationRow> _writer;
    private NpgsqlConnection? _writeConnection;
    private long _mergedBatches;

    internal PostgresObservationLog(NpgsqlDataSource dataSource, PostgresObservationLogOptions options, SchemaGate schema)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.ServiceId, $"{nameof(options)}.{nameof(options.ServiceId)}");
        _dataSource = dataSource;
        _options = options;
        _schema = schema;
        _writer = new GroupCommitWriter<ObservationRow>("observation_log.postgres", options.MaxBatchRows, CommitAsync);
    }

    /// <summary>Group-commit transactions so far.</summary>
    public long Batches => _writer.Batches;

    /// <summary>Group commits that met a stored row and went through the staging table instead.</summary>
    public long MergedBatches => Interlocked.Read(ref _mergedBatches);

    /// <inheritdoc />
    public async Task<long> AppendAsync(IReadOnlyList<ObservationRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await _writer.WriteAsync(rows).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ObservationRow> ReadAfterAsync(string account, long afterSeq, DateTimeOffset notBefore = default, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RowsAfterCommand("seq, ts, followers, following, posts, source", account, afterSeq, long.MaxValue, notBefore);
        command.CommandText += " ORDER BY seq";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new ObservationRow(
                account,
                new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero),
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
        await using var command = RowsAfterCommand("count(*)", account, afterSeq, upToSeq, notBefore);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    // The rows of one account with a sequence in (afterSeq, upToSeq] stamped at or after notBefore: what a replay reads
    // and what a checkpoint counts.
    private NpgsqlCommand RowsAfterCommand(string columns, string account, long afterSeq, long upToSeq, DateTimeOffset notBefore)
    {
        var command = _dataSource.CreateCommand(
            $"SELECT {columns} FROM observation WHERE service_id = $1 AND account = $2 AND ts >= $3 AND seq > $4 AND seq <= $5");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = notBefore == default ? DateTime.MinValue : notBefore.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSeq });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = upToSeq });
        return command;
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
        await using var command = _dataSource.CreateCommand(
            "SELECT ts FROM observation WHERE service_id = $1 AND account = $2 AND ts = ANY($3)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. timestamps.Select(t => t.UtcDateTime)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(new DateTimeOffset(reader.GetFieldValue<DateTime>(0), TimeSpan.Zero));
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<long> DeleteAccountAsync(string account, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand("DELETE FROM observation WHERE service_id = $1 AND account = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits what is queued and closes the writer connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        if (_writeConnection is not null)
        {
            await _writeConnection.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Runs on the writer loop only, so the connection needs no lock.
    private async Task<long> CommitAsync(IReadOnlyList<IReadOnlyList<ObservationRow>> writes, int rowCount)
    {
        try
        {
            try
            {
                return await CommitOnceAsync(writes, direct: true).ConfigureAwait(false);
            }
            catch (PostgresException exception) when (exception.SqlState == UniqueViolation)
            {
                Interlocked.Increment(ref _mergedBatches);
                return await CommitOnceAsync(writes, direct: false).ConfigureAwait(false);
            }
        }
        catch
        {
            // A broken connection (or one in an unknown state) is replaced for the next batch.
            await ResetWriteConnectionAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<long> CommitOnceAsync(IReadOnlyList<IReadOnlyList<ObservationRow>> writes, bool direct)
    {
        var connection = await GetWriteConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (var importer = await connection.BeginBinaryImportAsync(direct ? DirectCopySql : CopySql).ConfigureAwait(false))
        {
            // Synchronous writes: the importer buffers, and only a full buffer touches the socket.
            foreach (var write in writes)
            {
                for (var i = 0; i < write.Count; i++)
                {
                    var row = write[i];
                    importer.StartRow();
                    if (direct)
                    {
                        importer.Write(_options.ServiceId, NpgsqlDbType.Text);
                    }

                    importer.Write(row.Account, NpgsqlDbType.Text);
                    importer.Write(row.Timestamp.UtcDateTime, NpgsqlDbType.TimestampTz);
                    importer.Write(row.Followers, NpgsqlDbType.Bigint);
                    WriteNullable(importer, row.Following);
                    WriteNullable(importer, row.Posts);
                    if (row.Source is null)
                    {
                        importer.WriteNull();
                    }
                    else
                    {
                        importer.Write(row.Source, NpgsqlDbType.Text);
                    }
                }
            }

            await importer.CompleteAsync().ConfigureAwait(false);
        }

        await using var highWater = direct
            ? new NpgsqlCommand(HighWaterSql, connection, transaction)
            : new NpgsqlCommand(MergeSql, connection, transaction) { Parameters = { new NpgsqlParameter<string> { TypedValue = _options.ServiceId } } };
        var seq = (long)(await highWater.ExecuteScalarAsync().ConfigureAwait(false))!;
        await transaction.CommitAsync().ConfigureAwait(false);
        return seq;
    }

    private async Task ResetWriteConnectionAsync()
    {
        if (_writeConnection is not null)
        {
            await _writeConnection.DisposeAsync().ConfigureAwait(false);
            _writeConnection = null;
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter importer, long? value)
    {
        if (value is { } v)
        {
            importer.Write(v, NpgsqlDbType.Bigint);
        }
        else
        {
            importer.WriteNull();
        }
    }

    private async Task<NpgsqlConnection> GetWriteConnectionAsync()
    {
        if (_writeConnection is not null)
        {
            return _writeConnection;
        }

        var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using (var create = new NpgsqlCommand(CreateStagingSql, connection))
        {
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        _writeConnection = connection;
        return connection;
    }
}
