using Microsoft.Data.Sqlite;
using Monitor.Runtime.Storage;

namespace Monitor.Runtime.Reminders;

/// <summary>
/// Reminder rows in a SQLite file (the table <c>reminders</c> of <c>deploy/sql/sqlite</c>). Times are kept in UTC to the
/// microsecond. Reminder writes are rare, so each runs in its own short transaction.
/// </summary>
public sealed class SqliteReminderTable : IReminderTable, IDisposable
{
    private const string Columns = "grain_type, grain_key, reminder_name, start_at_us, period_us, version";

    private readonly SqliteDatabase _database;

    /// <summary>Creates the table; the file and schema are created on first use.</summary>
    /// <param name="migrator">Schema scripts to apply; null applies Monitor.Runtime's SQLite scripts.</param>
    public SqliteReminderTable(SqliteStorageOptions options, SchemaMigrator? migrator = null)
    {
        _database = new SqliteDatabase(options, migrator);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        return await QueryAsync($"SELECT {Columns} FROM reminders WHERE service_id = $service ORDER BY grain_hash, grain_type, grain_key, reminder_name",
            _ => { }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        StorageArguments.ValidateGrainId(grainId);
        return await QueryAsync($"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_type = $type AND grain_key = $key ORDER BY reminder_name",
            parameters =>
            {
                parameters.AddWithValue("$type", grainId.Type);
                parameters.AddWithValue("$key", grainId.Key);
            }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        StorageArguments.ValidateGrainId(grainId);
        StorageArguments.ValidateName(reminderName, nameof(reminderName));
        var rows = await QueryAsync(
            $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_type = $type AND grain_key = $key AND reminder_name = $name",
            parameters =>
            {
                parameters.AddWithValue("$type", grainId.Type);
                parameters.AddWithValue("$key", grainId.Key);
                parameters.AddWithValue("$name", reminderName);
            }, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    /// <remarks>Unconditional, as in Orleans: the entry's own ETag is ignored.</remarks>
    public async Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ReminderRows.Validate(entry);
        await _database.EnsureSchemaAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "UPDATE version_counter SET last_value = last_value + 1 WHERE name = 'reminders';" +
            "INSERT INTO reminders (service_id, grain_type, grain_key, reminder_name, grain_hash, start_at_us, period_us, version) " +
            "VALUES ($service, $type, $key, $name, $hash, $start, $period, (SELECT last_value FROM version_counter WHERE name = 'reminders')) " +
            "ON CONFLICT (service_id, grain_type, grain_key, reminder_name) DO UPDATE SET grain_hash = excluded.grain_hash, " +
            "start_at_us = excluded.start_at_us, period_us = excluded.period_us, version = excluded.version " +
            "RETURNING version";
        command.Parameters.AddWithValue("$service", _database.ServiceId);
        command.Parameters.AddWithValue("$type", entry.GrainId.Type);
        command.Parameters.AddWithValue("$key", entry.GrainId.Key);
        command.Parameters.AddWithValue("$name", entry.ReminderName);
        command.Parameters.AddWithValue("$hash", StableGrainHash.Compute(entry.GrainId));
        command.Parameters.AddWithValue("$start", ReminderRows.ToUnixMicroseconds(entry.StartAt));
        command.Parameters.AddWithValue("$period", ReminderRows.ToMicroseconds(entry.Period));
        var version = await command.ExecuteScalarAsync(cancellationToken) as long?
            ?? throw new InvalidOperationException("The version_counter row 'reminders' is missing: the schema was not applied.");
        await transaction.CommitAsync(cancellationToken);
        return VersionETag.Format(version);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default)
    {
        StorageArguments.ValidateGrainId(grainId);
        StorageArguments.ValidateName(reminderName, nameof(reminderName));
        ArgumentNullException.ThrowIfNull(eTag);
        await _database.EnsureSchemaAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "DELETE FROM reminders WHERE service_id = $service AND grain_type = $type AND grain_key = $key AND reminder_name = $name AND version = $version";
        command.Parameters.AddWithValue("$service", _database.ServiceId);
        command.Parameters.AddWithValue("$type", grainId.Type);
        command.Parameters.AddWithValue("$key", grainId.Key);
        command.Parameters.AddWithValue("$name", reminderName);
        command.Parameters.AddWithValue("$version", VersionETag.Parse(eTag)!.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Releases the pooled connections to the file.</summary>
    public void Dispose() => _database.ReleasePooledConnections();

    private async Task<List<ReminderEntry>> QueryAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        await _database.EnsureSchemaAsync(cancellationToken);
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", _database.ServiceId);
        bind(command.Parameters);
        var rows = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                ReminderRows.FromUnixMicroseconds(reader.GetInt64(3)),
                ReminderRows.FromMicroseconds(reader.GetInt64(4)),
                VersionETag.Format(reader.GetInt64(5))));
        }

        return rows;
    }
}
