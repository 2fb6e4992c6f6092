using System.Text.Json;

namespace Monitor.Grains;

/// <summary>
/// A table of definitions added through the API (report schedules, webhook receivers), one JSON document a row:
/// <c>(service_id, id, definition, created_at)</c>, with <c>updated_at</c> as well where definitions can be replaced.
/// </summary>
/// <param name="database">The silo's own store.</param>
/// <param name="table">The table's name (a constant of the calling store, never input).</param>
/// <param name="replaceable">True when the table has <c>updated_at</c> and <see cref="ReplaceAsync"/> may be used.</param>
public sealed class JsonDefinitionTable<T>(SiloDatabase database, string table, bool replaceable)
    where T : class
{
    /// <summary>Every stored definition, oldest first.</summary>
    public async Task<IReadOnlyList<T>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            $"SELECT definition FROM {table} WHERE service_id = @service ORDER BY created_at, id", ("@service", database.ServiceId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var definitions = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            definitions.Add(Deserialize(reader.GetString(0)));
        }

        return definitions;
    }

    /// <summary>The stored definition <paramref name="id"/>, or null.</summary>
    public async Task<T?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            $"SELECT definition FROM {table} WHERE service_id = @service AND id = @id", ("@service", database.ServiceId), ("@id", id));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string text ? Deserialize(text) : null;
    }

    /// <summary>Stores a new definition; false when one with its id exists.</summary>
    public async Task<bool> AddAsync(string id, T definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var sql = replaceable
            ? $"INSERT INTO {table} (service_id, id, definition, created_at, updated_at) VALUES (@service, @id, @definition, @now, @now) ON CONFLICT (service_id, id) DO NOTHING"
            : $"INSERT INTO {table} (service_id, id, definition, created_at) VALUES (@service, @id, @definition, @now) ON CONFLICT (service_id, id) DO NOTHING";
        return await ExecuteAsync(sql, id, definition, now, cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Replaces a stored definition; false when there is none with that id.</summary>
    public async Task<bool> ReplaceAsync(string id, T definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!replaceable)
        {
            throw new InvalidOperationException($"The definitions in {table} cannot be replaced (it has no updated_at).");
        }

        var sql = $"UPDATE {table} SET definition = @definition, updated_at = @now WHERE service_id = @service AND id = @id";
        return await ExecuteAsync(sql, id, definition, now, cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Deletes a stored definition; false when there is none with that id.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            $"DELETE FROM {table} WHERE service_id = @service AND id = @id", ("@service", database.ServiceId), ("@id", id));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task<int> ExecuteAsync(string sql, string id, T definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection, sql,
            ("@service", database.ServiceId), ("@id", id), ("@definition", JsonSerializer.Serialize(definition, StorageJson.Options)),
            ("@now", SiloDatabase.ToMilliseconds(now)));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private T Deserialize(string json) =>
        JsonSerializer.Deserialize<T>(json, StorageJson.Options) ?? throw new InvalidDataException($"A stored row of {table} is JSON null.");
}
