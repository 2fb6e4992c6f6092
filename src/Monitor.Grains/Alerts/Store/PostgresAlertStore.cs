using System.Data.Common;
using Npgsql;

namespace Monitor.Grains.Alerts.Store;

/// <summary>
/// The alert store in PostgreSQL; several silos share it, and every hub shard writes it. A <c>bigserial</c> would not be
/// in commit order across concurrent transactions (a reader could pass a lower number committed later), so commits take
/// a transaction-scoped advisory lock, one per service, and number their changes after the last one under it.
/// </summary>
internal sealed class PostgresAlertStore(NpgsqlDataSource dataSource, string serviceId, SchemaGate schema)
    : SqlAlertStore(serviceId, schema, "SELECT pg_advisory_xact_lock(hashtext('monitor_alert_changes'), hashtext(@service));")
{
    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
}
