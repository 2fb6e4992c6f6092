using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Monitor.Grains.Observations;

/// <summary>
/// The observation log in a SQLite file (WAL). One writer connection commits group batches inside one transaction, with
/// a prepared INSERT of <see cref="RowsPerStatement"/> rows at a time and a one-row INSERT for the rest (fewer statement
/// executions; measured faster than one INSERT per row and than one INSERT ... SELECT over a JSON array per 1,000 rows).
/// Reads use their own pooled connections and never wait for the writer.
/// </summary>
public sealed class SqliteObservationLog : IObservationLog, IAsyncDisposable
{
    /// <summary>Rows bound into one execution of the multi-row INSERT.</summary>
    public const int RowsPerStatement = 64;

    // Parameters bound per row (the service id is bound once per statement).
    private const int ParametersPerRow = 6;

    private readonly SqliteObservationLogOptions _options;
    private readonly SchemaGate _schema;
    private readonly string _connectionString;
    private readonly GroupCommitWriter<ObservationRow> _writer;
    private SqliteConnection? _writeConnection;
    private SqliteCommand? _insert;
    private SqliteCommand? _insertMany;

    internal SqliteObservationLog(SqliteObservationLogOptions options, SchemaGate schema)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.DataSource, $"{nameof(options)}.{nameof(options.DataSource)}");
        ArgumentException.ThrowIfNullOrEmpty(options.ServiceId, $"{nameof(options)}.{nameof(options.ServiceId)}");
        if (options.Synchronous is not ("FULL" or "NORMAL" or "EXTRA"))
        {
            throw new ArgumentOutOfRangeException($"{nameof(options)}.{nameof(options.Synchronous)}", options.Synchronous, "Must be FULL, NORMAL or EXTRA.");
        }

        _options = options;
        _schema = schema;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DataSource,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        _writer = new GroupCommitWriter<ObservationRow>(options.MaxBatchRows, CommitAsync);
    }

    /// <summary>Group-commit transactions so far.</summary>
    public long Batches => _writer.Batches;

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
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT seq, ts, followers, following, posts, source FROM observation " +
            "WHERE service_id = $service AND account = $account AND ts >= $notBefore AND seq > $after ORDER BY seq";
        command.Parameters.AddWithValue("$service", _options.ServiceId);
        command.Parameters.AddWithValue("$account", account);
        command.Parameters.AddWithValue("$notBefore", notBefore == default ? long.MinValue : ObservationTime.ToUnixMicroseconds(notBefore));
        command.Parameters.AddWithValue("$after", afterSeq);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new ObservationRow(
                account,
                ObservationTime.FromUnixMicroseconds(reader.GetInt64(1)),
                reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetInt64(0));
        }
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
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT ts FROM observation WHERE service_id = $service AND account = $account " +
            "AND ts IN (SELECT value FROM json_each($timestamps))";
        command.Parameters.AddWithValue("$service", _options.ServiceId);
        command.Parameters.AddWithValue("$account", account);
        command.Parameters.AddWithValue("$timestamps", "[" + string.Join(',', timestamps.Select(ObservationTime.ToUnixMicroseconds)) + "]");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(ObservationTime.FromUnixMicroseconds(reader.GetInt64(0)));
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<long> DeleteAccountAsync(string account, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM observation WHERE service_id = $service AND account = $account";
        command.Parameters.AddWithValue("$service", _options.ServiceId);
        command.Parameters.AddWithValue("$account", account);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits what is queued and closes the writer connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        if (_insert is not null)
        {
            await _insert.DisposeAsync().ConfigureAwait(false);
        }

        if (_insertMany is not null)
        {
            await _insertMany.DisposeAsync().ConfigureAwait(false);
        }

        if (_writeConnection is not null)
        {
            await _writeConnection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    // Runs on the writer loop only, so the connection and the prepared commands need no lock.
    private async Task<long> CommitAsync(IReadOnlyList<IReadOnlyList<ObservationRow>> writes, int rowCount)
    {
        var insert = await GetInsertCommandAsync().ConfigureAwait(false);
        var insertMany = _insertMany!;
        var connection = _writeConnection!;
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            insert.Transaction = transaction;
            insertMany.Transaction = transaction;
            insert.Parameters[0].Value = _options.ServiceId;
            insertMany.Parameters[0].Value = _options.ServiceId;
            var pending = new ObservationRow[RowsPerStatement];
            var count = 0;
            var inserted = 0;
            foreach (var write in writes)
            {
                for (var i = 0; i < write.Count; i++)
                {
                    pending[count++] = write[i];
                    if (count == RowsPerStatement)
                    {
                        for (var row = 0; row < count; row++)
                        {
                            Bind(insertMany.Parameters, 1 + (row * ParametersPerRow), pending[row]);
                        }

                        inserted += insertMany.ExecuteNonQuery();
                        count = 0;
                    }
                }
            }

            for (var row = 0; row < count; row++)
            {
                Bind(insert.Parameters, 1, pending[row]);
                inserted += insert.ExecuteNonQuery();
            }

            long highWater = 0;
            if (inserted > 0)
            {
                using var max = connection.CreateCommand();
                max.Transaction = transaction;
                max.CommandText = "SELECT max(seq) FROM observation";
                highWater = (long)max.ExecuteScalar()!;
            }

            transaction.Commit();
            return highWater;
        }
        catch
        {
            // A broken connection is rebuilt for the next batch.
            await ResetWriterAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void Bind(SqliteParameterCollection parameters, int first, in ObservationRow row)
    {
        parameters[first].Value = row.Account;
        parameters[first + 1].Value = ObservationTime.ToUnixMicroseconds(row.Timestamp);
        parameters[first + 2].Value = row.Followers;
        parameters[first + 3].Value = row.Following is { } following ? following : DBNull.Value;
        parameters[first + 4].Value = row.Posts is { } posts ? posts : DBNull.Value;
        parameters[first + 5].Value = (object?)row.Source ?? DBNull.Value;
    }

    private static SqliteCommand CreateInsert(SqliteConnection connection, int rows)
    {
        var insert = connection.CreateCommand();
        var values = Enumerable.Range(0, rows).Select(row => $"($service, $a{row}, $t{row}, $f{row}, $g{row}, $p{row}, $o{row})");
        insert.CommandText =
            "INSERT INTO observation (service_id, account, ts, followers, following, posts, source) VALUES " +
            string.Join(", ", values) + " ON CONFLICT DO NOTHING";
        insert.Parameters.Add("$service", SqliteType.Text);
        for (var row = 0; row < rows; row++)
        {
            insert.Parameters.Add($"$a{row}", SqliteType.Text);
            insert.Parameters.Add($"$t{row}", SqliteType.Integer);
            insert.Parameters.Add($"$f{row}", SqliteType.Integer);
            insert.Parameters.Add($"$g{row}", SqliteType.Integer);
            insert.Parameters.Add($"$p{row}", SqliteType.Integer);
            insert.Parameters.Add($"$o{row}", SqliteType.Text);
        }

        insert.Prepare();
        return insert;
    }

    private async Task<SqliteCommand> GetInsertCommandAsync()
    {
        if (_insert is not null)
        {
            return _insert;
        }

        var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using (var pragma = connection.CreateCommand())
        {
            // A large page cache keeps the log's indexes in memory while many accounts insert in interleaved order.
            pragma.CommandText =
                $"PRAGMA journal_mode=WAL; PRAGMA cache_size=-65536; PRAGMA synchronous={_options.Synchronous}; PRAGMA busy_timeout={(long)_options.BusyTimeout.TotalMilliseconds};";
            await pragma.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        var insert = CreateInsert(connection, 1);
        _insertMany = CreateInsert(connection, RowsPerStatement);
        _writeConnection = connection;
        _insert = insert;
        return insert;
    }

    private async Task ResetWriterAsync()
    {
        if (_insert is not null)
        {
            await _insert.DisposeAsync().ConfigureAwait(false);
            _insert = null;
        }

        if (_insertMany is not null)
        {
            await _insertMany.DisposeAsync().ConfigureAwait(false);
            _insertMany = null;
        }

        if (_writeConnection is not null)
        {
            await _writeConnection.DisposeAsync().ConfigureAwait(false);
            _writeConnection = null;
        }
    }
}
