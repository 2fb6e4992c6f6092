using System.Data.Common;
using System.Globalization;

namespace Monitor.Grains.Alerts.Store;

/// <summary>Removes what an <see cref="AlertRetention"/> lets go: resolved alerts by age and by count, and old changes.</summary>
internal sealed class AlertStorePruner(AlertStoreDatabase database)
{
    private const int PruneBatch = 5_000;

    public async Task<int> PruneAsync(AlertRetention retention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retention);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var removed = 0;
        if (retention.EndedBefore is { } cutoff)
        {
            removed += await RemoveAlertsAsync(connection,
                "SELECT alert_id FROM alerts WHERE service_id = @service AND status = @resolved AND end_ticks < @cutoff ORDER BY end_ticks LIMIT @batch",
                long.MaxValue, cancellationToken, ("@resolved", AlertStoreDatabase.Resolved), ("@cutoff", cutoff.UtcTicks)).ConfigureAwait(false);
        }

        if (retention.MaxAlerts is { } max)
        {
            await using var count = database.Command(connection, null, "SELECT COUNT(*) FROM alerts WHERE service_id = @service");
            var excess = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) - max;
            if (excess > 0)
            {
                removed += await RemoveAlertsAsync(connection,
                    "SELECT alert_id FROM alerts WHERE service_id = @service AND status = @resolved ORDER BY end_ticks, alert_id LIMIT @batch",
                    excess, cancellationToken, ("@resolved", AlertStoreDatabase.Resolved)).ConfigureAwait(false);
            }
        }

        await database.ExecuteAsync(connection, null,
            "DELETE FROM alert_changes WHERE service_id = @service AND sequence < (SELECT MAX(sequence) FROM alert_changes WHERE service_id = @service) " +
            "AND (recorded_ticks < @before OR sequence <= (SELECT MAX(sequence) FROM alert_changes WHERE service_id = @service) - @max)",
            cancellationToken, ("@before", retention.ChangesRecordedBefore.UtcTicks), ("@max", retention.MaxChanges)).ConfigureAwait(false);
        return removed;
    }

    /// <summary>Removes the alerts the query selects (in batches of at most <c>@batch</c>, up to <paramref name="limit"/>), with their group rows, memberships and emptied incidents.</summary>
    private async Task<int> RemoveAlertsAsync(DbConnection connection, string select, long limit, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var removed = 0;
        while (removed < limit)
        {
            List<string> ids;
            await using (var command = database.Command(connection, null, select, [.. parameters, ("@batch", (long)Math.Min(PruneBatch, limit - removed))]))
            {
                ids = await AlertStoreDatabase.ReadStringsAsync(command, cancellationToken).ConfigureAwait(false);
            }

            if (ids.Count == 0)
            {
                break;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var incidents = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in ids.Chunk(AlertStoreDatabase.IdsPerStatement))
            {
                var list = AlertStoreDatabase.InList(chunk.Length);
                await using (var find = database.Command(connection, transaction, $"SELECT DISTINCT incident_id FROM incident_alerts WHERE service_id = @service AND alert_id IN ({list})"))
                {
                    AlertStoreDatabase.AddIds(find, chunk);
                    incidents.UnionWith(await AlertStoreDatabase.ReadStringsAsync(find, cancellationToken).ConfigureAwait(false));
                }

                foreach (var table in new[] { "alerts", "alert_groups", "incident_alerts" })
                {
                    await using var delete = database.Command(connection, transaction, $"DELETE FROM {table} WHERE service_id = @service AND alert_id IN ({list})");
                    AlertStoreDatabase.AddIds(delete, chunk);
                    await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            foreach (var incident in incidents)
            {
                await database.ExecuteAsync(connection, transaction,
                    "DELETE FROM incidents WHERE service_id = @service AND incident_id = @id " +
                    "AND NOT EXISTS (SELECT 1 FROM incident_alerts m WHERE m.service_id = @service AND m.incident_id = @id)",
                    cancellationToken, ("@id", incident)).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            removed += ids.Count;
        }

        return removed;
    }
}
