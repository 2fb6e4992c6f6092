using Monitor.Grains;

namespace Monitor.AccessControl;

/// <summary>The <c>audit_log</c> table: who did which admin action when, newest first when read.</summary>
public sealed class AuditLog(SiloDatabase database)
{
    /// <summary>Appends one entry (its <see cref="AuditEntry.Id"/> is assigned by the database).</summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "INSERT INTO audit_log (service_id, at, actor_id, actor_name, action, target, status) VALUES (@service, @at, @actor, @name, @action, @target, @status)",
            ("@service", database.ServiceId), ("@at", SiloDatabase.ToMilliseconds(entry.At)), ("@actor", entry.ActorId),
            ("@name", entry.ActorName), ("@action", entry.Action), ("@target", entry.Target), ("@status", entry.Status));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Up to <paramref name="limit"/> entries older than <paramref name="before"/> (an entry id), newest first.</summary>
    public async Task<AuditPage> ReadAsync(long? before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "SELECT id, at, actor_id, actor_name, action, target, status FROM audit_log WHERE service_id = @service AND id < @before " +
            "ORDER BY id DESC LIMIT @limit",
            ("@service", database.ServiceId), ("@before", before ?? long.MaxValue), ("@limit", limit + 1));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0),
                SiloDatabase.FromMilliseconds(reader.GetInt64(1)),
                SiloDatabase.ReadText(reader, 2),
                SiloDatabase.ReadText(reader, 3),
                reader.GetString(4),
                SiloDatabase.ReadText(reader, 5),
                reader.GetInt32(6)));
        }

        if (entries.Count <= limit)
        {
            return new AuditPage(entries, null);
        }

        entries.RemoveAt(limit);
        return new AuditPage(entries, entries[^1].Id);
    }
}
