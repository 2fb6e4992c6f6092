using Monitor.Grains;

namespace Monitor.Webhooks;

/// <summary>The <c>webhook_receivers</c> table: receivers added through the API, stored as their JSON definition (secret included).</summary>
public sealed class WebhookReceiverStore(SiloDatabase database)
{
    private readonly JsonDefinitionTable<WebhookReceiverDefinition> _table = new(database, "webhook_receivers", replaceable: true);

    /// <summary>Every stored receiver, oldest first.</summary>
    public Task<IReadOnlyList<WebhookReceiverDefinition>> ListAsync(CancellationToken cancellationToken) => _table.ListAsync(cancellationToken);

    /// <summary>The stored receiver <paramref name="id"/>, or null.</summary>
    public Task<WebhookReceiverDefinition?> FindAsync(string id, CancellationToken cancellationToken) => _table.FindAsync(id, cancellationToken);

    /// <summary>Stores a new receiver; false when one with its id exists.</summary>
    public Task<bool> AddAsync(WebhookReceiverDefinition definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(definition.Id, nameof(definition));
        return _table.AddAsync(definition.Id, definition, now, cancellationToken);
    }

    /// <summary>Replaces a stored receiver; false when there is none with its id.</summary>
    public Task<bool> ReplaceAsync(WebhookReceiverDefinition definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(definition.Id, nameof(definition));
        return _table.ReplaceAsync(definition.Id, definition, now, cancellationToken);
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
}
