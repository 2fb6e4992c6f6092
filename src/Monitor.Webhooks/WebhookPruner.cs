using System.Diagnostics;
using System.Text.Json;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Grains;
using Monitor.Telemetry;

namespace Monitor.Webhooks;

/// <summary>
/// Removes webhook rows older than the retention that nothing will read again: delivered deliveries (but the newest of
/// each receiver and group, which the grouping and repeat intervals are measured from) and grouped outbox rows (but the
/// latest change of each alert still open, which a reminder is built from). Pending and dead deliveries are kept.
/// </summary>
public sealed class WebhookPruner(SiloDatabase database, ServiceInstruments instruments)
{
    // Outbox rows whose alert may be resolved are read and judged here a batch at a time.
    private const int LatestBatch = 1000;

    /// <summary>Prunes the rows created before <paramref name="cutoff"/>.</summary>
    public async Task<WebhookPruneResult> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var before = SiloDatabase.ToMilliseconds(cutoff);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        int deliveries;
        await using (var delete = SiloDatabase.Command(connection,
            "DELETE FROM webhook_deliveries WHERE service_id = @service AND state = @delivered AND created_at < @before " +
            "AND id <> (SELECT MAX(n.id) FROM webhook_deliveries n WHERE n.service_id = webhook_deliveries.service_id " +
            "AND n.receiver_id = webhook_deliveries.receiver_id AND n.group_key = webhook_deliveries.group_key)",
            ("@service", database.ServiceId), ("@delivered", WebhookDeliveryStates.Delivered), ("@before", before)))
        {
            deliveries = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int superseded;
        await using (var delete = SiloDatabase.Command(connection,
            "DELETE FROM webhook_outbox WHERE service_id = @service AND delivery_id IS NOT NULL AND enqueued_at < @before " +
            "AND EXISTS (SELECT 1 FROM webhook_outbox n WHERE n.service_id = webhook_outbox.service_id AND n.receiver_id = webhook_outbox.receiver_id " +
            "AND n.alert_id = webhook_outbox.alert_id AND n.sequence > webhook_outbox.sequence)",
            ("@service", database.ServiceId), ("@before", before)))
        {
            superseded = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var resolved = await PruneResolvedAsync(connection, before, cancellationToken).ConfigureAwait(false);
        var result = new WebhookPruneResult(deliveries, superseded + resolved);
        instruments.WebhookPruned.Add(result.Deliveries, new TagList { { "table", "webhook_deliveries" } });
        instruments.WebhookPruned.Add(result.OutboxRows, new TagList { { "table", "webhook_outbox" } });
        return result;
    }

    // The latest change of an alert that is resolved is needed by no reminder; the JSON says which ones are.
    private async Task<int> PruneResolvedAsync(System.Data.Common.DbConnection connection, long before, CancellationToken cancellationToken)
    {
        var pruned = 0;
        long afterId = 0;
        while (true)
        {
            var resolvedIds = new List<long>();
            var read = 0;
            await using (var select = SiloDatabase.Command(connection,
                "SELECT id, change_json FROM webhook_outbox WHERE service_id = @service AND delivery_id IS NOT NULL AND enqueued_at < @before AND id > @after " +
                "ORDER BY id LIMIT @limit",
                ("@service", database.ServiceId), ("@before", before), ("@after", afterId), ("@limit", LatestBatch)))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    read++;
                    afterId = reader.GetInt64(0);
                    var change = JsonSerializer.Deserialize<AlertChange>(reader.GetString(1), WebhookMessageBuilder.Json);
                    if (change?.Alert.Status == AlertStatuses.Resolved)
                    {
                        resolvedIds.Add(afterId);
                    }
                }
            }

            foreach (var id in resolvedIds)
            {
                await using var delete = SiloDatabase.Command(connection, "DELETE FROM webhook_outbox WHERE id = @id", ("@id", id));
                pruned += await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (read < LatestBatch)
            {
                return pruned;
            }
        }
    }
}
