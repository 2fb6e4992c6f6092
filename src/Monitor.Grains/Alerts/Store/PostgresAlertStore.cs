using System.Data.Common;
using Npgsql;

namespace Monitor.Grains.Alerts.Store;

/// <summary>The alert store in PostgreSQL; several silos share it (only the hub's one activation writes).</summary>
internal sealed class PostgresAlertStore(NpgsqlDataSource dataSource, string serviceId, SchemaGate schema) : SqlAlertStore(serviceId, schema)
{
    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
}
