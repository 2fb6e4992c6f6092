using Monitor.Grains.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.Grains.Tests.Alerts;

/// <summary>The sharded alert hub over PostgreSQL (a new service id per test in the class's throw-away database).</summary>
public sealed class PostgresShardedAlertHubTests(PostgresDatabaseFixture database) : ShardedAlertHubTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override MonitorStorageOptions Storage() => StorageTargets.Postgres(database);
}
