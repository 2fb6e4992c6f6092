using Monitor.Runtime.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.Runtime.Reminders;

/// <summary>
/// Reminder rows in PostgreSQL (the table <c>reminders</c> of <c>deploy/sql/postgres</c>). Times are kept in UTC to the
/// microsecond (<c>timestamptz</c>, <c>interval</c>).
/// </summary>
public sealed class PostgresReminderTable : IReminderTable, IAsyncDisposable, IDisposable
{
    private const string Columns = "grain_type, grain_key, reminder_name, start_at, period, version";

    private const string UpsertSql =
        "INSERT INTO reminders (service_id, grain_type, grain_key, reminder_name, grain_hash, start_at, period, version) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, nextval('reminder_version_seq')) " +
        "ON CONFLICT (service_id, grain_type, grain_key, reminder_name) DO UPDATE SET grain_hash = EXCLUDED.grain_hash, " +
        "start_at = EXCLUDED.start_at, period = EXCLUDED.period, version = EXCLUDED.version " +
        "RETURNING version";

    private readonly PostgresDatabase _database;

    /// <summary>Creates the table; the schema is applied on first use.</summary>
    /// <param name="migrator">Schema scripts to apply; null applies Monitor.Runtime's PostgreSQL scripts.</param>
    public PostgresReminderTable(PostgresStorageOptions options, SchemaMigrator? migrator = null)
    {
        _database = new PostgresDatabase(options, migrator);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        return await QueryAsync($"SELECT {Columns} FROM reminders WHERE service_id = $1 ORDER BY grain_hash, grain_type, grain_key, reminder_name",
            _ => { }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        StorageArguments.ValidateGrainId(grainId, forbidNul: true);
        return await QueryAsync($"SELECT {Columns} FROM reminders WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 ORDER BY reminder_name",
            parameters =>
            {
                parameters.Add(Text(grainId.Type));
                parameters.Add(Text(grainId.Key));
            }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        StorageArguments.ValidateGrainId(grainId, forbidNul: true);
        StorageArguments.ValidateName(reminderName, nameof(reminderName), forbidNul: true);
        var rows = await QueryAsync(
            $"SELECT {Columns} FROM reminders WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND reminder_name = $4",
            parameters =>
            {
                parameters.Add(Text(grainId.Type));
                parameters.Add(Text(grainId.Key));
                parameters.Add(Text(reminderName));
            }, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    /// <remarks>Unconditional, as in Orleans: the entry's own ETag is ignored.</remarks>
    public async Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ReminderRows.Validate(entry, forbidNul: true);
        await _database.EnsureSchemaAsync(cancellationToken);
        var stored = ReminderRows.Normalize(entry, eTag: "");
        await using var command = _database.DataSource.CreateCommand(UpsertSql);
        command.Parameters.Add(Text(_database.ServiceId));
        command.Parameters.Add(Text(entry.GrainId.Type));
        command.Parameters.Add(Text(entry.GrainId.Key));
        command.Parameters.Add(Text(entry.ReminderName));
        command.Parameters.Add(new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = StableGrainHash.Compute(entry.GrainId) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = stored.StartAt });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { NpgsqlDbType = NpgsqlDbType.Interval, TypedValue = stored.Period });
        var version = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return VersionETag.Format(version);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default)
    {
        StorageArguments.ValidateGrainId(grainId, forbidNul: true);
        StorageArguments.ValidateName(reminderName, nameof(reminderName), forbidNul: true);
        ArgumentNullException.ThrowIfNull(eTag);
        await _database.EnsureSchemaAsync(cancellationToken);
        await using var command = _database.DataSource.CreateCommand(
            "DELETE FROM reminders WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND reminder_name = $4 AND version = $5");
        command.Parameters.Add(Text(_database.ServiceId));
        command.Parameters.Add(Text(grainId.Type));
        command.Parameters.Add(Text(grainId.Key));
        command.Parameters.Add(Text(reminderName));
        command.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = VersionETag.Parse(eTag)!.Value });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Disposes the data source if this table built it from a connection string.</summary>
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>Disposes the data source if this table built it from a connection string.</summary>
    public void Dispose() => _database.Dispose();

    private static NpgsqlParameter<string> Text(string value) => new() { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = value };

    private async Task<List<ReminderEntry>> QueryAsync(string sql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        await _database.EnsureSchemaAsync(cancellationToken);
        await using var command = _database.DataSource.CreateCommand(sql);
        command.Parameters.Add(Text(_database.ServiceId));
        bind(command.Parameters);
        var rows = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<TimeSpan>(4),
                VersionETag.Format(reader.GetInt64(5))));
        }

        return rows;
    }
}
