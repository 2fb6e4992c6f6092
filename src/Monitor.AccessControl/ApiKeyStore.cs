using System.Data.Common;
using Monitor.Grains;
using Monitor.Storage;

namespace Monitor.AccessControl;

/// <summary>
/// The <c>api_keys</c> table: add, find, list, revoke, and remember when a key was last used; and
/// <c>access_control_sealed</c>, the lasting record that a key has existed (open trial mode never comes back after it).
/// </summary>
public sealed class ApiKeyStore(SiloDatabase database)
{
    private const string Columns = "id, name, role, secret_hash, created_at, expires_at, revoked_at, last_used_at";

    /// <summary>Stores a new key (its hash only) and, in the same transaction, the fact that a key has existed.</summary>
    public async Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = SiloDatabase.Command(connection,
            $"INSERT INTO api_keys (service_id, {Columns}) VALUES (@service, @id, @name, @role, @hash, @created, @expires, @revoked, @used)",
            ("@service", database.ServiceId), ("@id", key.Id), ("@name", key.Name), ("@role", key.Role), ("@hash", key.SecretHash),
            ("@created", SiloDatabase.ToMilliseconds(key.CreatedAt)), ("@expires", Millis(key.ExpiresAt)),
            ("@revoked", Millis(key.RevokedAt)), ("@used", Millis(key.LastUsedAt))))
        {
            insert.Transaction = transaction;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var seal = SiloDatabase.Command(connection,
            "INSERT INTO access_control_sealed (service_id, first_key_at) VALUES (@service, @created) ON CONFLICT (service_id) DO NOTHING",
            ("@service", database.ServiceId), ("@created", SiloDatabase.ToMilliseconds(key.CreatedAt))))
        {
            seal.Transaction = transaction;
            await seal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True once any key has been stored for this service, whether or not it is still active.</summary>
    public async Task<bool> HasEverHadKeyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "SELECT COUNT(*) FROM access_control_sealed WHERE service_id = @service", ("@service", database.ServiceId));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
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

    /// <summary>
    /// Marks the key revoked at <paramref name="at"/>; false when there is no such key, it was revoked already, or (unless
    /// <paramref name="force"/>) it is the last active admin key.
    /// </summary>
    /// <remarks>
    /// The check and the update are one statement, but under READ COMMITTED two concurrent revocations of the last two
    /// admin keys would each see the other key still active. So the transaction first locks the service's admin keys on
    /// PostgreSQL (the second revocation waits, and its statement then sees the first one's commit); SQLite's transaction
    /// (<c>BEGIN IMMEDIATE</c>) holds the database's write lock from its start, which serializes them the same way.
    /// </remarks>
    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, bool force, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (!force && database.Dialect == SchemaDialect.Postgres)
        {
            await using var lockAdmins = SiloDatabase.Command(connection,
                "SELECT id FROM api_keys WHERE service_id = @service AND role = @admin ORDER BY id FOR UPDATE",
                ("@service", database.ServiceId), ("@admin", ApiKeyRoles.Admin));
            lockAdmins.Transaction = transaction;
            await lockAdmins.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int updated;
        await using (var command = SiloDatabase.Command(connection,
            "UPDATE api_keys SET revoked_at = @at WHERE service_id = @service AND id = @id AND revoked_at IS NULL" +
            (force ? "" : " AND (role <> @admin OR (expires_at IS NOT NULL AND expires_at <= @at) OR EXISTS (SELECT 1 FROM api_keys other " +
                "WHERE other.service_id = @service AND other.id <> @id AND other.role = @admin AND other.revoked_at IS NULL " +
                "AND (other.expires_at IS NULL OR other.expires_at > @at)))"),
            ("@at", SiloDatabase.ToMilliseconds(at)), ("@service", database.ServiceId), ("@id", id), ("@admin", ApiKeyRoles.Admin)))
        {
            command.Transaction = transaction;
            updated = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return updated == 1;
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
