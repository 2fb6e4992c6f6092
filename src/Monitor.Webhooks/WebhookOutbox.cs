using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Grains;
using Monitor.Storage;

namespace Monitor.Webhooks;

/// <summary>
/// The webhook tables: the cursor over the alert change log, the outbox of changes per receiver, and the deliveries.
/// </summary>
/// <remarks>
/// Several silos may share one PostgreSQL database. Pumping (reading the log, enqueueing, advancing the cursor, forming due
/// messages with <see cref="WebhookMessageFormer"/>) runs in one transaction that holds the cursor row's lock, so pumps are serial and each change is enqueued
/// and grouped once (the outbox is also unique on service, receiver and sequence, and a delivery id is derived from its
/// group and first sequence). Deliveries are claimed with a lease (SKIP LOCKED on PostgreSQL), only the oldest pending
/// delivery of a receiver at a time, which keeps a receiver's messages in order.
/// </remarks>
public sealed class WebhookOutbox(SiloDatabase database, IOptions<WebhookOptions> options)
{
    private const string DeliveryColumns = "delivery_id, group_key, alert_count, state, attempts, created_at, next_attempt_at, last_attempt_at, last_status, last_error";

    private readonly WebhookMessageFormer _former = new(database);

    private WebhookOptions Options => options.Value;

    private bool IsPostgres => database.Dialect == SchemaDialect.Postgres;

    /// <summary>
    /// Reads the changes after the cursor from <paramref name="source"/>, enqueues them for every matching receiver,
    /// advances the cursor, and turns groups that are due at <paramref name="now"/> into deliveries, all in one transaction.
    /// </summary>
    public async Task<WebhookPumpResult> PumpAsync(IAlertChangeSource source, IReadOnlyList<WebhookReceiver> receivers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(receivers);
        // The hub is read before the transaction: its own writes need the SQLite write lock the transaction would hold.
        var start = await ReadCursorAsync(cancellationToken).ConfigureAwait(false);
        var initial = start is null ? await source.LatestSequenceAsync(cancellationToken).ConfigureAwait(false) : 0;
        var read = start is { } after ? await source.ReadChangesAsync(after, Options.ChangeBatchSize, cancellationToken).ConfigureAwait(false) : [];

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var cursor = await LockCursorAsync(transaction, initial, cancellationToken).ConfigureAwait(false);

        // Another silo may have pumped meanwhile; what it enqueued is behind the cursor now.
        var changes = read.Where(change => change.Sequence > cursor).ToList();
        var enqueued = 0;
        foreach (var change in changes)
        {
            foreach (var receiver in receivers.Where(receiver => receiver.Matches(change.Alert)))
            {
                await using var insert = database.CommandIn(transaction,
                    "INSERT INTO webhook_outbox (service_id, receiver_id, group_key, sequence, alert_id, change_json, enqueued_at) " +
                    "VALUES (@service, @receiver, @group, @sequence, @alert, @change, @now) ON CONFLICT (service_id, receiver_id, sequence) DO NOTHING",
                    ("@receiver", receiver.Id), ("@group", receiver.GroupKeyOf(change.Alert)), ("@sequence", change.Sequence),
                    ("@alert", change.Alert.Id), ("@change", JsonSerializer.Serialize(change, WebhookMessageBuilder.Json)),
                    ("@now", SiloDatabase.ToMilliseconds(now)));
                enqueued += await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (changes.Count > 0)
        {
            await using var advance = database.CommandIn(transaction,
                "UPDATE webhook_cursor SET last_sequence = @sequence WHERE service_id = @service", ("@sequence", changes[^1].Sequence));
            await advance.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var created = await _former.FormDueAsync(transaction, receivers, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new WebhookPumpResult(read.Count, enqueued, created, changes.Count > 0 ? changes[0].Sequence - cursor - 1 : 0);
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> deliveries due at <paramref name="now"/> (the oldest pending one of each receiver,
    /// not leased by another silo) until <paramref name="now"/> plus the lease duration.
    /// </summary>
    public async Task<IReadOnlyList<WebhookDelivery>> ClaimAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var nowMs = SiloDatabase.ToMilliseconds(now);
        var leaseUntil = SiloDatabase.ToMilliseconds(now + Options.LeaseDuration);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "UPDATE webhook_deliveries SET lease_until = @lease WHERE id IN (" +
            "SELECT d.id FROM webhook_deliveries d WHERE d.service_id = @service AND d.state = @pending AND d.next_attempt_at <= @now " +
            "AND (d.lease_until IS NULL OR d.lease_until < @now) " +
            "AND d.id = (SELECT MIN(h.id) FROM webhook_deliveries h WHERE h.service_id = d.service_id AND h.receiver_id = d.receiver_id AND h.state = @pending) " +
            $"ORDER BY d.id LIMIT @max{(IsPostgres ? " FOR UPDATE SKIP LOCKED" : "")}) " +
            "RETURNING id, delivery_id, receiver_id, body, attempts",
            ("@lease", leaseUntil), ("@service", database.ServiceId), ("@pending", WebhookDeliveryStates.Pending), ("@now", nowMs), ("@max", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var claimed = new List<WebhookDelivery>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            claimed.Add(new WebhookDelivery(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), leaseUntil));
        }

        return claimed;
    }

    /// <summary>
    /// Records the outcome of an attempt of a claimed delivery: delivered, pending again at <paramref name="nextAttemptAt"/>,
    /// or dead; false when the claim had lapsed and another silo took the delivery over.
    /// </summary>
    public async Task<bool> CompleteAsync(
        WebhookDelivery delivery, string state, DateTimeOffset attemptedAt, DateTimeOffset nextAttemptAt, int? status, string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "UPDATE webhook_deliveries SET state = @state, attempts = attempts + 1, next_attempt_at = @next, last_attempt_at = @at, " +
            "last_status = @status, last_error = @error, lease_until = NULL WHERE id = @id AND lease_until = @lease",
            ("@state", state), ("@next", SiloDatabase.ToMilliseconds(nextAttemptAt)), ("@at", SiloDatabase.ToMilliseconds(attemptedAt)),
            ("@status", status), ("@error", error), ("@id", delivery.RowId), ("@lease", delivery.LeaseUntil));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Queues a message that is not made of alert changes (a scheduled report) for <paramref name="receiverId"/>: signed,
    /// retried and recorded like every delivery. Its id derives from <paramref name="groupKey"/> and <paramref name="discriminator"/>,
    /// so queueing the same message twice is harmless; false when it was queued before.
    /// </summary>
    public async Task<bool> EnqueueMessageAsync(
        string receiverId, string groupKey, string discriminator, int itemCount, Func<string, string> body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var deliveryId = WebhookMessageFormer.DeliveryId(database.ServiceId, receiverId, groupKey, discriminator);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = SiloDatabase.Command(connection,
            "INSERT INTO webhook_deliveries (service_id, delivery_id, receiver_id, group_key, alert_count, body, created_at, state, attempts, next_attempt_at) " +
            "VALUES (@service, @delivery, @receiver, @group, @count, @body, @now, @pending, 0, @now) ON CONFLICT (service_id, delivery_id) DO NOTHING",
            ("@service", database.ServiceId), ("@delivery", deliveryId), ("@receiver", receiverId), ("@group", groupKey), ("@count", itemCount),
            ("@body", body(deliveryId)), ("@now", SiloDatabase.ToMilliseconds(now)), ("@pending", WebhookDeliveryStates.Pending));
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>The deliveries of <paramref name="receiverId"/>, newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryView>> ListDeliveriesAsync(string receiverId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE service_id = @service AND receiver_id = @receiver ORDER BY id DESC LIMIT @limit",
            ("@service", database.ServiceId), ("@receiver", receiverId), ("@limit", limit));
        return await ReadViewsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One delivery of <paramref name="receiverId"/>, or null when it has none with that id.</summary>
    public async Task<WebhookDeliveryView?> FindDeliveryAsync(string receiverId, string deliveryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE service_id = @service AND receiver_id = @receiver AND delivery_id = @delivery",
            ("@service", database.ServiceId), ("@receiver", receiverId), ("@delivery", deliveryId));
        return (await ReadViewsAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>
    /// Puts a dead delivery back in the queue, due at <paramref name="now"/> with a fresh set of attempts; false when the
    /// receiver has no dead delivery with that id.
    /// </summary>
    public async Task<bool> RetryDeadAsync(string receiverId, string deliveryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "UPDATE webhook_deliveries SET state = @pending, attempts = 0, next_attempt_at = @now, lease_until = NULL " +
            "WHERE service_id = @service AND receiver_id = @receiver AND delivery_id = @delivery AND state = @dead",
            ("@pending", WebhookDeliveryStates.Pending), ("@now", SiloDatabase.ToMilliseconds(now)), ("@service", database.ServiceId),
            ("@receiver", receiverId), ("@delivery", deliveryId), ("@dead", WebhookDeliveryStates.Dead));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<IReadOnlyList<WebhookDeliveryView>> ReadViewsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var deliveries = new List<WebhookDeliveryView>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var state = reader.GetString(3);
            deliveries.Add(new WebhookDeliveryView(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2), state, reader.GetInt32(4),
                SiloDatabase.FromMilliseconds(reader.GetInt64(5)),
                state == WebhookDeliveryStates.Pending ? SiloDatabase.FromMilliseconds(reader.GetInt64(6)) : null,
                SiloDatabase.ReadTime(reader, 7),
                reader.IsDBNull(8) ? null : reader.GetInt32(8),
                SiloDatabase.ReadText(reader, 9)));
        }

        return deliveries;
    }

    private async Task<long?> ReadCursorAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var read = SiloDatabase.Command(connection, "SELECT last_sequence FROM webhook_cursor WHERE service_id = @service", ("@service", database.ServiceId));
        return await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } found and not DBNull
            ? Convert.ToInt64(found, CultureInfo.InvariantCulture)
            : null;
    }

    // A new deployment starts at the end of the log (initial): receivers get what happens from now on, not months of history.
    private async Task<long> LockCursorAsync(DbTransaction transaction, long initial, CancellationToken cancellationToken)
    {
        await using (var create = database.CommandIn(transaction,
            "INSERT INTO webhook_cursor (service_id, last_sequence) VALUES (@service, @sequence) ON CONFLICT (service_id) DO NOTHING", ("@sequence", initial)))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var read = database.CommandIn(transaction, $"SELECT last_sequence FROM webhook_cursor WHERE service_id = @service{(IsPostgres ? " FOR UPDATE" : "")}");
        return Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }
}
