using Monitor.Grains.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.Grains.Tests.Accounts;

public sealed class PostgresAccountGrainTests(PostgresDatabaseFixture database) : DurableAccountGrainTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override MonitorStorageOptions Storage { get; } = StorageTargets.Postgres(database);
}
