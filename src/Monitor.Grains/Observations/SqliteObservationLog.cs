using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Monitor.Grains.Observations;

/// <summary>
/// The observation log in a SQLite file of its own (WAL). One writer connection commits group batches in one transaction,
/// with prepared multi-row INSERTs (<see cref="SqliteLogWriterStatements"/>; measured faster here than one INSERT ... SELECT
/// over a JSON array per 1,000 rows). The inserts are native statements bound by parameter position: the single writer is
/// the log's serial bottleneck, and <see cref="SqliteCommand"/> looks every parameter up by name on every execution (which
/// made a 64-row INSERT through it slower than one row at a time). The table is
/// clustered on (account id, ts), the id naming a (service, account) pair, so the writer hands out seqs itself from a
/// counter row it reads and writes once per transaction. Reads use their own pooled connections and never wait for the writer.
/// </summary>
public sealed class SqliteObservationLog : SqlObservationLog
{
    // An account's id in the log; none (null: no rows match) until its first row is written.
    private const string AccountIdSql = "SELECT id FROM observation_account WHERE service_id = $service AND account = $account";

    private readonly SqliteObservationLogOptions _options;
    private readonly string _connectionString;
    private readonly SqliteWalCheckpointer _checkpointer;
    private SqliteConnection? _writeConnection;
    private SqliteLogWriterStatements? _statements;

    /// <param name="legacyDataSource">
    /// The main database, where releases before the log had its own file kept its rows: they move into the log on first use.
    /// </param>
    /// <param name="logger">Where the log's schema migrations are logged.</param>
    internal SqliteObservationLog(SqliteObservationLogOptions options, string? legacyDataSource = null, ILogger? logger = null)
        : base("observation_log.sqlite", Checked(options).MaxBatchRows, MonitorSchema.SqliteObservationLog(options.DataSource, legacyDataSource, logger))
    {
        _options = options;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DataSource,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        _checkpointer = new SqliteWalCheckpointer(_connectionString);
    }

    private static SqliteObservationLogOptions Checked(SqliteObservationLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.DataSource, $"{nameof(options)}.{nameof(options.DataSource)}");
        ArgumentException.ThrowIfNullOrEmpty(options.ServiceId, $"{nameof(options)}.{nameof(options.ServiceId)}");
        if (options.Synchronous is not ("FULL" or "NORMAL" or "EXTRA"))
        {
            throw new ArgumentOutOfRangeException($"{nameof(options)}.{nameof(options.Synchronous)}", options.Synchronous, "Must be FULL, NORMAL or EXTRA.");
        }

        return options;
    }

    private protected override DbCommand RowsAfterCommand(DbConnection connection, string columns, string account, long afterSeq, long upToSeq, DateTimeOffset notBefore)
    {
        var command = ((SqliteConnection)connection).CreateCommand();
        command.CommandText =
            $"SELECT {columns} FROM observation_point LEFT JOIN observation_source ON observation_source.id = source_id " +
            $"WHERE account_id = ({AccountIdSql}) AND ts >= $notBefore AND seq > $after AND seq <= $upTo";
        command.Parameters.AddWithValue("$service", _options.ServiceId);
        command.Parameters.AddWithValue("$account", account);
        command.Parameters.AddWithValue("$notBefore", notBefore == default ? long.MinValue : ObservationTime.ToUnixMicroseconds(notBefore));
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$upTo", upToSeq);
        return command;
    }

    private protected override DbCommand StoredAmongCommand(DbConnection connection, string account, IReadOnlyList<DateTimeOffset> timestamps)
    {
        var command = ((SqliteConnection)connection).CreateCommand();
        command.CommandText =
            $"SELECT ts FROM observation_point WHERE account_id = ({AccountIdSql}) " +
            "AND ts IN (SELECT value FROM json_each($timestamps))";
        command.Parameters.AddWithValue("$service", _options.ServiceId);
        command.Parameters.AddWithValue("$account", account);
        command.Parameters.AddWithValue("$timestamps", "[" + string.Join(',', timestamps.Select(ObservationTime.ToUnixMicroseconds)) + "]");
        return command;
    }

    private protected override DbCommand DeleteAccountCommand(DbConnection connection, string account)
    {
        var command = ((SqliteConnection)connection).CreateCommand();
        command.CommandText = $"DELETE FROM observation_point WHERE account_id = ({AccountIdSql})";
        command.Parameters.AddWithValue("$service", _options.ServiceId);
        command.Parameters.AddWithValue("$account", account);
        return command;
    }

    private protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        ObservationTime.FromUnixMicroseconds(reader.GetInt64(ordinal));

    private protected override async ValueTask DisposeWriterAsync()
    {
        await _checkpointer.DisposeAsync().ConfigureAwait(false);
        _statements?.Dispose();

        if (_writeConnection is not null)
        {
            await _writeConnection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await OpenSqliteAsync(cancellationToken).ConfigureAwait(false);

    private async Task<SqliteConnection> OpenSqliteAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    // Runs on the writer loop only, so the connection and the prepared statements need no lock.
    private protected override async Task<long> CommitAsync(IReadOnlyList<IReadOnlyList<ObservationRow>> writes, int rowCount)
    {
        var statements = await GetStatementsAsync().ConfigureAwait(false);
        var connection = _writeConnection!;
        var db = connection.Handle!;
        try
        {
            _checkpointer.TryRestart(db, _options.BusyTimeout);
            using var transaction = connection.BeginTransaction(deferred: false);
            var (inserted, last) = statements.InsertAll(db, writes, statements.ReadLastSeq(db));
            if (inserted > 0)
            {
                statements.WriteLastSeq(db, last);
            }

            transaction.Commit();
            _checkpointer.Notify();
            return inserted > 0 ? last : 0;
        }
        catch
        {
            // A broken connection is rebuilt for the next batch.
            await ResetWriterAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<SqliteLogWriterStatements> GetStatementsAsync()
    {
        if (_statements is not null)
        {
            return _statements;
        }

        var connection = await OpenSqliteAsync(CancellationToken.None).ConfigureAwait(false);
        await using (var pragma = connection.CreateCommand())
        {
            // A large page cache keeps the log's key in memory while many accounts insert in interleaved order.
            // The checkpointer copies the WAL into the database on its own thread; the writer's automatic checkpoint
            // only steps in if that falls far behind.
            pragma.CommandText =
                $"PRAGMA journal_mode=WAL; PRAGMA cache_size=-65536; PRAGMA synchronous={_options.Synchronous}; " +
                $"PRAGMA busy_timeout={(long)_options.BusyTimeout.TotalMilliseconds}; PRAGMA wal_autocheckpoint={4 * SqliteWalCheckpointer.RestartFrames}; " +
                $"PRAGMA journal_size_limit={SqliteWalCheckpointer.RestartFrames * 4096L};";
            await pragma.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        _statements = SqliteLogWriterStatements.Prepare(connection.Handle!, _options.ServiceId);
        _writeConnection = connection;
        return _statements;
    }

    private async Task ResetWriterAsync()
    {
        _statements?.Dispose();
        _statements = null;

        if (_writeConnection is not null)
        {
            await _writeConnection.DisposeAsync().ConfigureAwait(false);
            _writeConnection = null;
        }
    }
}
