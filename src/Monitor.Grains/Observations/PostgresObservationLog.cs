using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.Grains.Observations;

/// <summary>
/// The observation log in PostgreSQL. One writer connection commits group batches, each with one binary COPY straight
/// into the log. Account grains append only points their history has not seen, so a row the log already holds is rare
/// (a retry after a commit whose outcome was unknown, a re-sent import); it fails that COPY with a unique violation, and
/// the batch is committed again through a temporary table with INSERT ... SELECT ... ON CONFLICT DO NOTHING.
/// </summary>
public sealed class PostgresObservationLog : SqlObservationLog
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
    private NpgsqlConnection? _writeConnection;
    private long _mergedBatches;

    internal PostgresObservationLog(NpgsqlDataSource dataSource, PostgresObservationLogOptions options, SchemaGate schema)
        : base("observation_log.postgres", Checked(dataSource, options).MaxBatchRows, schema)
    {
        _dataSource = dataSource;
        _options = options;
    }

    /// <summary>Group commits that met a stored row and went through the staging table instead.</summary>
    public long MergedBatches => Interlocked.Read(ref _mergedBatches);

    private static PostgresObservationLogOptions Checked(NpgsqlDataSource dataSource, PostgresObservationLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.ServiceId, $"{nameof(options)}.{nameof(options.ServiceId)}");
        return options;
    }

    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    private protected override DbCommand RowsAfterCommand(DbConnection connection, string columns, string account, long afterSeq, long upToSeq, DateTimeOffset notBefore)
    {
        var command = new NpgsqlCommand(
            $"SELECT {columns} FROM observation WHERE service_id = $1 AND account = $2 AND ts >= $3 AND seq > $4 AND seq <= $5",
            (NpgsqlConnection)connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = notBefore == default ? DateTime.MinValue : notBefore.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSeq });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = upToSeq });
        return command;
    }

    private protected override DbCommand StoredAmongCommand(DbConnection connection, string account, IReadOnlyList<DateTimeOffset> timestamps)
    {
        var command = new NpgsqlCommand(
            "SELECT ts FROM observation WHERE service_id = $1 AND account = $2 AND ts = ANY($3)", (NpgsqlConnection)connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. timestamps.Select(t => t.UtcDateTime)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        return command;
    }

    private protected override DbCommand DeleteAccountCommand(DbConnection connection, string account)
    {
        var command = new NpgsqlCommand("DELETE FROM observation WHERE service_id = $1 AND account = $2", (NpgsqlConnection)connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account });
        return command;
    }

    private protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        new(reader.GetFieldValue<DateTime>(ordinal), TimeSpan.Zero);

    private protected override async ValueTask DisposeWriterAsync()
    {
        if (_writeConnection is not null)
        {
            await _writeConnection.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Runs on the writer loop only, so the connection needs no lock.
    private protected override async Task<long> CommitAsync(IReadOnlyList<IReadOnlyList<ObservationRow>> writes, int rowCount)
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
