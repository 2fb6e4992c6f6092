using System.Data.Common;
using System.Globalization;

namespace Monitor.Grains.Alerts.Store;

/// <summary>Removes what an <see cref="AlertRetention"/> lets go: resolved alerts by age and by count, and old changes.</summary>
/// <remarks>
/// Hub shards commit while it runs. Each of its transactions takes the change log's lock, as a shard's commit does, and
/// chooses what to delete under it (so it never deletes an alert a shard reopened just before); one that deletes rows
/// adds one to <c>alert_prunes</c>, which a shard's commit check reads under the same lock: a deletion leaves nothing in
/// the change log, so without the count a shard could write back an alert, or a member of an incident, pruned since it read.
/// </remarks>
/// <param name="changeLogLockSql">The statement that takes the change log's lock (<see cref="AlertStoreWriter"/>); null on SQLite.</param>
internal sealed class AlertStorePruner(AlertStoreDatabase database, string? changeLogLockSql)
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

        await using var transaction = await LockedTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (var trim = database.Command(connection, transaction,
            "DELETE FROM alert_changes WHERE service_id = @service AND sequence < (SELECT MAX(sequence) FROM alert_changes WHERE service_id = @service) " +
            "AND (recorded_ticks < @before OR sequence <= (SELECT MAX(sequence) FROM alert_changes WHERE service_id = @service) - @max)",
            ("@before", retention.ChangesRecordedBefore.UtcTicks), ("@max", retention.MaxChanges)))
        {
            if (await trim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
            {
                await CountPruneAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <summary>Removes the alerts the query selects (in batches of at most <c>@batch</c>, up to <paramref name="limit"/>), with their group rows, memberships and emptied incidents.</summary>
    private async Task<int> RemoveAlertsAsync(DbConnection connection, string select, long limit, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var removed = 0;
        while (removed < limit)
        {
            await using var transaction = await LockedTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
            List<string> ids;
            await using (var command = database.Command(connection, transaction, select, [.. parameters, ("@batch", (long)Math.Min(PruneBatch, limit - removed))]))
            {
                ids = await AlertStoreDatabase.ReadStringsAsync(command, cancellationToken).ConfigureAwait(false);
            }

            if (ids.Count == 0)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                break;
            }

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

            await CountPruneAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            removed += ids.Count;
        }

        return removed;
    }

    /// <summary>A write transaction holding the change log's lock (SQLite: <c>BEGIN IMMEDIATE</c> already excludes every other writer).</summary>
    private async Task<DbTransaction> LockedTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (changeLogLockSql is not null)
            {
                await database.ExecuteAsync(connection, transaction, changeLogLockSql, cancellationToken).ConfigureAwait(false);
            }

            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private Task CountPruneAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        database.ExecuteAsync(connection, transaction,
            "INSERT INTO alert_prunes (service_id, prunes) VALUES (@service, 1) ON CONFLICT (service_id) DO UPDATE SET prunes = alert_prunes.prunes + 1",
            cancellationToken);
}
