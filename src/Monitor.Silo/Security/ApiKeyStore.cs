using System.Data.Common;
using Monitor.Silo.Hosting;

namespace Monitor.Silo.Security;

/// <summary>The <c>api_keys</c> table: add, find, list, revoke, and remember when a key was last used.</summary>
public sealed class ApiKeyStore(SiloDatabase database)
{
    private const string Columns = "id, name, role, secret_hash, created_at, expires_at, revoked_at, last_used_at";

    /// <summary>Stores a new key (its hash only).</summary>
    public async Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            $"INSERT INTO api_keys (service_id, {Columns}) VALUES (@service, @id, @name, @role, @hash, @created, @expires, @revoked, @used)",
            ("@service", database.ServiceId), ("@id", key.Id), ("@name", key.Name), ("@role", key.Role), ("@hash", key.SecretHash),
            ("@created", SiloDatabase.ToMilliseconds(key.CreatedAt)), ("@expires", Millis(key.ExpiresAt)),
            ("@revoked", Millis(key.RevokedAt)), ("@used", Millis(key.LastUsedAt)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The key with <paramref name="id"/>, or null.</summary>
    public async Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            $"SELECT {Columns} FROM api_keys WHERE service_id = @service AND id = @id", ("@service", database.ServiceId), ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>Every key, oldest first.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            $"SELECT {Columns} FROM api_keys WHERE service_id = @service ORDER BY created_at, id", ("@service", database.ServiceId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    /// <summary>Marks the key revoked at <paramref name="at"/>; false when there is no such key or it was revoked already.</summary>
    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "UPDATE api_keys SET revoked_at = @at WHERE service_id = @service AND id = @id AND revoked_at IS NULL",
            ("@at", SiloDatabase.ToMilliseconds(at)), ("@service", database.ServiceId), ("@id", id));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Records that the key was used at <paramref name="at"/>.</summary>
    public async Task TouchAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "UPDATE api_keys SET last_used_at = @at WHERE service_id = @service AND id = @id",
            ("@at", SiloDatabase.ToMilliseconds(at)), ("@service", database.ServiceId), ("@id", id));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static object? Millis(DateTimeOffset? time) => time is { } t ? SiloDatabase.ToMilliseconds(t) : null;

    private static ApiKeyRecord Read(DbDataReader reader) => new(
        reader.GetString(0),
        SiloDatabase.ReadText(reader, 1),
        reader.GetString(2),
        reader.GetString(3),
        SiloDatabase.FromMilliseconds(reader.GetInt64(4)),
        SiloDatabase.ReadTime(reader, 5),
        SiloDatabase.ReadTime(reader, 6),
        SiloDatabase.ReadTime(reader, 7));
}
