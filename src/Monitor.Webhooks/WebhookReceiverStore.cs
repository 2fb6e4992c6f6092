using System.Text.Json;
using Monitor.Grains;
using Monitor.Storage;

namespace Monitor.Webhooks;

/// <summary>The <c>webhook_receivers</c> table: receivers added through the API, stored as their JSON definition (secret included).</summary>
public sealed class WebhookReceiverStore(SiloDatabase database)
{
    private static JsonSerializerOptions Json => StorageJson.Options;

    /// <summary>Every stored receiver, oldest first.</summary>
    public async Task<IReadOnlyList<WebhookReceiverDefinition>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "SELECT definition FROM webhook_receivers WHERE service_id = @service ORDER BY created_at, id", ("@service", database.ServiceId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var definitions = new List<WebhookReceiverDefinition>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            definitions.Add(Deserialize(reader.GetString(0)));
        }

        return definitions;
    }

    /// <summary>The stored receiver <paramref name="id"/>, or null.</summary>
    public async Task<WebhookReceiverDefinition?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "SELECT definition FROM webhook_receivers WHERE service_id = @service AND id = @id", ("@service", database.ServiceId), ("@id", id));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string text ? Deserialize(text) : null;
    }

    /// <summary>Stores a new receiver; false when one with its id exists.</summary>
    public async Task<bool> AddAsync(WebhookReceiverDefinition definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "INSERT INTO webhook_receivers (service_id, id, definition, created_at, updated_at) VALUES (@service, @id, @definition, @now, @now) " +
            "ON CONFLICT (service_id, id) DO NOTHING",
            ("@service", database.ServiceId), ("@id", definition.Id), ("@definition", JsonSerializer.Serialize(definition, Json)),
            ("@now", SiloDatabase.ToMilliseconds(now)));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Replaces a stored receiver; false when there is none with its id.</summary>
    public async Task<bool> ReplaceAsync(WebhookReceiverDefinition definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "UPDATE webhook_receivers SET definition = @definition, updated_at = @now WHERE service_id = @service AND id = @id",
            ("@service", database.ServiceId), ("@id", definition.Id), ("@definition", JsonSerializer.Serialize(definition, Json)),
            ("@now", SiloDatabase.ToMilliseconds(now)));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Deletes a stored receiver with its changes not yet in a message, and dead-letters its pending deliveries (they stay
    /// in the history); false when there is no such receiver.
    /// </summary>
    public async Task<bool> DeleteAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var delete = SiloDatabase.Command(connection,
            "DELETE FROM webhook_receivers WHERE service_id = @service AND id = @id", ("@service", database.ServiceId), ("@id", id));
        delete.Transaction = transaction;
        if (await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            return false;
        }

        await using var dropPending = SiloDatabase.Command(connection,
            "DELETE FROM webhook_outbox WHERE service_id = @service AND receiver_id = @id AND delivery_id IS NULL",
            ("@service", database.ServiceId), ("@id", id));
        dropPending.Transaction = transaction;
        await dropPending.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await using var cancel = SiloDatabase.Command(connection,
            "UPDATE webhook_deliveries SET state = @dead, last_error = 'receiver deleted', lease_until = NULL, last_attempt_at = COALESCE(last_attempt_at, @now) " +
            "WHERE service_id = @service AND receiver_id = @id AND state = @pending",
            ("@dead", WebhookDeliveryStates.Dead), ("@pending", WebhookDeliveryStates.Pending), ("@now", SiloDatabase.ToMilliseconds(now)),
            ("@service", database.ServiceId), ("@id", id));
        cancel.Transaction = transaction;
        await cancel.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static WebhookReceiverDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<WebhookReceiverDefinition>(json, Json) ?? throw new InvalidDataException("A stored webhook receiver is JSON null.");
}
