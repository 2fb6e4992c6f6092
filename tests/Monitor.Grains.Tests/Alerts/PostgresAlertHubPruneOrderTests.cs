using Monitor.Grains.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.Grains.Tests.Alerts;

/// <summary>A prune waits for a single hub's publish in progress, over PostgreSQL (a new service id per test).</summary>
public sealed class PostgresAlertHubPruneOrderTests(PostgresDatabaseFixture database) : AlertHubPruneOrderTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override MonitorStorageOptions Storage() => StorageTargets.Postgres(database);
}
