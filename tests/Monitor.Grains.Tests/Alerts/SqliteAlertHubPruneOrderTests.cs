using Monitor.Grains.Tests.Support;
using Monitor.Testing;

namespace Monitor.Grains.Tests.Alerts;

/// <summary>A prune waits for a single hub's publish in progress, over a SQLite file.</summary>
public sealed class SqliteAlertHubPruneOrderTests : AlertHubPruneOrderTests
{
    private readonly TemporaryDirectory _directory = new();

    protected override MonitorStorageOptions Storage() => StorageTargets.Sqlite(_directory);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
