using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Grains;

namespace Monitor.Webhooks;

/// <summary>
/// The grouping step of a pump: turns the outbox rows of each receiver's groups that are due (<see cref="WebhookGrouping"/>)
/// into deliveries, a message of the changes waiting, or a reminder of the alerts still open after the repeat interval.
/// Runs inside the pump's transaction, so each group is formed once.
/// </summary>
internal sealed class WebhookMessageFormer(SiloDatabase database)
{
    /// <summary>
    /// A delivery's id, derived from what the message is (service, receiver, group and a discriminator), so forming it twice
    /// (after a crash, or on two silos) cannot make two deliveries.
    /// </summary>
    public static string DeliveryId(string serviceId, string receiverId, string group, string discriminator) =>
        "whd_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{serviceId}\n{receiverId}\n{group}\n{discriminator}")))[..32];

    /// <summary>Forms the deliveries due at <paramref name="now"/>; returns how many were created.</summary>
    public async Task<int> FormDueAsync(DbTransaction transaction, IReadOnlyList<WebhookReceiver> receivers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var byId = receivers.ToDictionary(receiver => receiver.Id, StringComparer.Ordinal);
        var waiting = new List<(string Receiver, string Group, long FirstWaiting)>();
        await using (var command = database.CommandIn(transaction,
            "SELECT receiver_id, group_key, MIN(enqueued_at) FROM webhook_outbox WHERE service_id = @service AND delivery_id IS NULL GROUP BY receiver_id, group_key"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                waiting.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        var previous = new Dictionary<(string Receiver, string Group), (long CreatedAt, long RowId)>();
        await using (var command = database.CommandIn(transaction,
            "SELECT receiver_id, group_key, MAX(created_at), MAX(id) FROM webhook_deliveries WHERE service_id = @service GROUP BY receiver_id, group_key"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                previous[(reader.GetString(0), reader.GetString(1))] = (reader.GetInt64(2), reader.GetInt64(3));
            }
        }

        var created = 0;
        foreach (var (receiverId, group, firstWaiting) in waiting)
        {
            if (!byId.TryGetValue(receiverId, out var receiver))
            {
                continue;
            }

            DateTimeOffset? last = previous.TryGetValue((receiverId, group), out var p) ? SiloDatabase.FromMilliseconds(p.CreatedAt) : null;
            if (WebhookGrouping.DueAt(SiloDatabase.FromMilliseconds(firstWaiting), last, receiver) <= now)
            {
                created += await FormMessageAsync(transaction, receiver, group, now, cancellationToken).ConfigureAwait(false);
            }
        }

        var waitingGroups = waiting.Select(w => (w.Receiver, w.Group)).ToHashSet();
        foreach (var ((receiverId, group), (createdAt, rowId)) in previous)
        {
            if (!waitingGroups.Contains((receiverId, group)) && byId.TryGetValue(receiverId, out var receiver)
                && WebhookGrouping.IsRepeatDue(SiloDatabase.FromMilliseconds(createdAt), now, receiver))
            {
                created += await FormReminderAsync(transaction, receiver, group, rowId, now, cancellationToken).ConfigureAwait(false);
            }
        }

        return created;
    }

    private async Task<int> FormMessageAsync(DbTransaction transaction, WebhookReceiver receiver, string group, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changes = new List<AlertChange>();
        await using (var command = database.CommandIn(transaction,
            "SELECT change_json FROM webhook_outbox WHERE service_id = @service AND receiver_id = @receiver AND group_key = @group AND delivery_id IS NULL ORDER BY sequence",
            ("@receiver", receiver.Id), ("@group", group)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                changes.Add(ReadChange(reader.GetString(0)));
            }
        }

        if (changes.Count == 0)
        {
            return 0;
        }

        var deliveryId = DeliveryId(database.ServiceId, receiver.Id, group, $"s{changes[0].Sequence}");
        var alerts = WebhookMessageBuilder.Collapse(changes);
        var inserted = await InsertDeliveryAsync(transaction, receiver, group, deliveryId, alerts, repeat: false, now, cancellationToken).ConfigureAwait(false);
        await using var assign = database.CommandIn(transaction,
            "UPDATE webhook_outbox SET delivery_id = @delivery WHERE service_id = @service AND receiver_id = @receiver AND group_key = @group " +
            "AND delivery_id IS NULL AND sequence <= @last",
            ("@delivery", deliveryId), ("@receiver", receiver.Id), ("@group", group), ("@last", changes[^1].Sequence));
        await assign.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return inserted;
    }

    private async Task<int> FormReminderAsync(
        DbTransaction transaction, WebhookReceiver receiver, string group, long previousRowId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The latest change of each alert whose latest change (for this receiver) is in this group.
        var latest = new List<AlertChange>();
        await using (var command = database.CommandIn(transaction,
            "SELECT o.change_json FROM webhook_outbox o WHERE o.service_id = @service AND o.receiver_id = @receiver AND o.group_key = @group " +
            "AND o.sequence = (SELECT MAX(i.sequence) FROM webhook_outbox i WHERE i.service_id = o.service_id AND i.receiver_id = o.receiver_id AND i.alert_id = o.alert_id) " +
            "ORDER BY o.sequence",
            ("@receiver", receiver.Id), ("@group", group)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                latest.Add(ReadChange(reader.GetString(0)));
            }
        }

        var open = latest.Where(change => change.Alert.Status != AlertStatuses.Resolved).ToList();
        if (open.Count == 0)
        {
            return 0;
        }

        var deliveryId = DeliveryId(database.ServiceId, receiver.Id, group, $"r{previousRowId}");
        return await InsertDeliveryAsync(transaction, receiver, group, deliveryId, WebhookMessageBuilder.Collapse(open), repeat: true, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> InsertDeliveryAsync(
        DbTransaction transaction, WebhookReceiver receiver, string group, string deliveryId,
        IReadOnlyList<WebhookMessageAlert> alerts, bool repeat, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = database.CommandIn(transaction,
            "INSERT INTO webhook_deliveries (service_id, delivery_id, receiver_id, group_key, alert_count, body, created_at, state, attempts, next_attempt_at) " +
            "VALUES (@service, @delivery, @receiver, @group, @count, @body, @now, @pending, 0, @now) ON CONFLICT (service_id, delivery_id) DO NOTHING",
            ("@delivery", deliveryId), ("@receiver", receiver.Id), ("@group", group), ("@count", alerts.Count),
            ("@body", WebhookMessageBuilder.Build(receiver, deliveryId, group, alerts, repeat)), ("@now", SiloDatabase.ToMilliseconds(now)),
            ("@pending", WebhookDeliveryStates.Pending));
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static AlertChange ReadChange(string json) =>
        JsonSerializer.Deserialize<AlertChange>(json, WebhookMessageBuilder.Json) ?? throw new InvalidDataException("An outbox change is JSON null.");
}
