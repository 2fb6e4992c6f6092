using Monitor.Grains.Tests.Support;
using Monitor.Testing;

namespace Monitor.Grains.Tests.Alerts;

/// <summary>The sharded alert hub over a SQLite file.</summary>
public sealed class SqliteShardedAlertHubTests : ShardedAlertHubTests
{
    private readonly TemporaryDirectory _directory = new();

    protected override MonitorStorageOptions Storage() => StorageTargets.Sqlite(_directory);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
