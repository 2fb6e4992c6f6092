using Microsoft.Data.Sqlite;
using Monitor.Storage.GroupCommit;
using Orleans;
using Orleans.Runtime;

namespace Monitor.Storage.Reminders;

/// <summary>
/// Orleans' reminder table in a SQLite file (the table <c>reminders</c> of <c>deploy/sql/sqlite</c>), for the embedded
/// silo: Orleans ships no SQLite reminder scripts. Times are kept in UTC to the microsecond; <c>grain_hash</c> holds
/// <see cref="GrainId.GetUniformHashCode"/>, the ring position Orleans reads reminders by. Upserts are group-committed
/// (every account registers one, and a bulk registration registers thousands at once): the rows waiting are written in one
/// transaction and each caller is answered after it commits, off the grain scheduler. Removals run alone (rare).
/// </summary>
public sealed class SqliteReminderTable : IReminderTable, IDisposable
{
    private const string Columns = "grain_type, grain_key, reminder_name, start_at_us, period_us, version";

    private const string UpsertSql =
        "UPDATE version_counter SET last_value = last_value + 1 WHERE name = 'reminders';" +
        "INSERT INTO reminders (service_id, grain_type, grain_key, reminder_name, grain_hash, start_at_us, period_us, version) " +
        "VALUES ($service, $type, $key, $name, $hash, $start, $period, (SELECT last_value FROM version_counter WHERE name = 'reminders')) " +
        "ON CONFLICT (service_id, grain_type, grain_key, reminder_name) DO UPDATE SET grain_hash = excluded.grain_hash, " +
        "start_at_us = excluded.start_at_us, period_us = excluded.period_us, version = excluded.version " +
        "RETURNING version";

    private readonly SqliteDatabase _database;
    private readonly GroupCommitQueue<ReminderUpsert> _upserts;

    /// <summary>Creates the table; the file and schema are created on first use.</summary>
    /// <param name="migrator">Schema scripts to apply; null applies Monitor.Storage's SQLite scripts.</param>
    public SqliteReminderTable(SqliteStorageOptions options, SchemaMigrator? migrator = null)
    {
        _database = new SqliteDatabase(options, migrator);
        _upserts = new GroupCommitQueue<ReminderUpsert>(options.MaxBatchSize, long.MaxValue, concurrency: 1, CommitUpsertsAsync);
    }

    /// <summary>
    /// Applies the schema and, at the service's first start on Orleans, gives the rows written before (which hashed grain
    /// ids with FNV-1a) their Orleans ring position, so range reads find them; later starts find the service recorded in
    /// <c>reminder_ring_positions</c> and read no rows.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => Task.Run(async () =>
    {
        await _database.EnsureSchemaAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var done = connection.CreateCommand())
        {
            done.Transaction = transaction;
            done.CommandText = "SELECT 1 FROM reminder_ring_positions WHERE service_id = $service";
            done.Parameters.AddWithValue("$service", _database.ServiceId);
            if (await done.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }
        }

        var stale = new List<(string Type, string Key, long Hash)>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT DISTINCT grain_type, grain_key, grain_hash FROM reminders WHERE service_id = $service";
            select.Parameters.AddWithValue("$service", _database.ServiceId);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var hash = RingHash(GrainId.Create(reader.GetString(0), reader.GetString(1)));
                if (reader.GetInt64(2) != hash)
                {
                    stale.Add((reader.GetString(0), reader.GetString(1), hash));
                }
            }
        }

        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE reminders SET grain_hash = $hash WHERE service_id = $service AND grain_type = $type AND grain_key = $key";
        update.Parameters.AddWithValue("$service", _database.ServiceId);
        var type = update.Parameters.Add("$type", SqliteType.Text);
        var key = update.Parameters.Add("$key", SqliteType.Text);
        var hashParameter = update.Parameters.Add("$hash", SqliteType.Integer);
        foreach (var row in stale)
        {
            (type.Value, key.Value, hashParameter.Value) = (row.Type, row.Key, row.Hash);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var record = connection.CreateCommand();
        record.Transaction = transaction;
        record.CommandText = "INSERT INTO reminder_ring_positions (service_id) VALUES ($service)";
        record.Parameters.AddWithValue("$service", _database.ServiceId);
        await record.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }, cancellationToken);

    /// <summary>Transactions that committed upserts so far (for tests).</summary>
    internal long UpsertCommits => _upserts.Batches;

    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        StorageArguments.ValidateGrainId(grainId);
        return QueryAsync($"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_type = $type AND grain_key = $key ORDER BY reminder_name",
            parameters =>
            {
                parameters.AddWithValue("$type", grainId.Type.ToString());
                parameters.AddWithValue("$key", grainId.Key.ToString());
            });
    }

    /// <inheritdoc />
    /// <remarks>Orleans' ring ranges are (begin, end]; begin ≥ end wraps around zero.</remarks>
    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var condition = begin < end ? "grain_hash > $begin AND grain_hash <= $end" : "(grain_hash > $begin OR grain_hash <= $end)";
        return QueryAsync($"SELECT {Columns} FROM reminders WHERE service_id = $service AND {condition} ORDER BY grain_hash, grain_type, grain_key, reminder_name",
            parameters =>
            {
                parameters.AddWithValue("$begin", (long)begin);
                parameters.AddWithValue("$end", (long)end);
            });
    }

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        StorageArguments.ValidateGrainId(grainId);
        StorageArguments.ValidateName(reminderName, nameof(reminderName));
        var rows = await QueryAsync(
            $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_type = $type AND grain_key = $key AND reminder_name = $name",
            parameters =>
            {
                parameters.AddWithValue("$type", grainId.Type.ToString());
                parameters.AddWithValue("$key", grainId.Key.ToString());
                parameters.AddWithValue("$name", reminderName);
            });

        return rows.Reminders.Count == 0 ? null : rows.Reminders[0];
    }

    /// <inheritdoc />
    /// <remarks>Unconditional, as in Orleans: the entry's own ETag is ignored. Answered after the commit that holds it.</remarks>
    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        ReminderRows.Validate(entry);
        var upsert = new ReminderUpsert(entry);
        _upserts.Enqueue(upsert);
        return upsert.Completion;
    }

    /// <inheritdoc />
    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        StorageArguments.ValidateGrainId(grainId);
        StorageArguments.ValidateName(reminderName, nameof(reminderName));
        ArgumentNullException.ThrowIfNull(eTag);
        return Task.Run(async () =>
        {
            await _database.EnsureSchemaAsync(CancellationToken.None);
            await using var connection = await _database.OpenAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText =
                "DELETE FROM reminders WHERE service_id = $service AND grain_type = $type AND grain_key = $key AND reminder_name = $name AND version = $version";
            _database.AddGrainRow(command, grainId, reminderName);
            command.Parameters.AddWithValue("$version", VersionETag.Parse(eTag)!.Value);
            return await command.ExecuteNonQueryAsync() == 1;
        });
    }

    /// <inheritdoc />
    public Task TestOnlyClearTable() => Task.Run(async () =>
    {
        await _database.EnsureSchemaAsync(CancellationToken.None);
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM reminders WHERE service_id = $service";
        command.Parameters.AddWithValue("$service", _database.ServiceId);
        await command.ExecuteNonQueryAsync();
    });

    /// <summary>Commits the upserts still queued, then releases the pooled connections to the file.</summary>
    public void Dispose()
    {
        _upserts.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _database.ReleasePooledConnections();
    }

    // Each row draws its own version inside the one transaction; callers learn their ETags only after the commit.
    private Task CommitUpsertsAsync(List<ReminderUpsert> batch) => Task.Run(async () =>
    {
        await _database.EnsureSchemaAsync(CancellationToken.None);
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = UpsertSql;
        foreach (var upsert in batch)
        {
            var entry = upsert.Entry;
            command.Parameters.Clear();
            _database.AddGrainRow(command, entry.GrainId, entry.ReminderName);
            command.Parameters.AddWithValue("$hash", RingHash(entry.GrainId));
            command.Parameters.AddWithValue("$start", ReminderRows.ToUnixMicroseconds(entry.StartAt));
            command.Parameters.AddWithValue("$period", ReminderRows.ToMicroseconds(entry.Period));
            var version = await command.ExecuteScalarAsync() as long?
                ?? throw new InvalidOperationException("The version_counter row 'reminders' is missing: the schema was not applied.");
            upsert.ETag = VersionETag.Format(version);
        }

        await transaction.CommitAsync();
        foreach (var upsert in batch)
        {
            upsert.Succeed();
        }
    });

    private static long RingHash(GrainId grainId) => grainId.GetUniformHashCode();

    // Microsoft.Data.Sqlite's async methods complete synchronously: the query runs on the thread pool, not the grain scheduler.
    private Task<ReminderTableData> QueryAsync(string sql, Action<SqliteParameterCollection> bind) => Task.Run(async () =>
    {
        await _database.EnsureSchemaAsync(CancellationToken.None);
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", _database.ServiceId);
        bind(command.Parameters);
        var rows = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new ReminderEntry
            {
                GrainId = GrainId.Create(reader.GetString(0), reader.GetString(1)),
                ReminderName = reader.GetString(2),
                StartAt = ReminderRows.FromUnixMicroseconds(reader.GetInt64(3)).UtcDateTime,
                Period = ReminderRows.FromMicroseconds(reader.GetInt64(4)),
                ETag = VersionETag.Format(reader.GetInt64(5)),
            });
        }

        return new ReminderTableData(rows);
    });
}
