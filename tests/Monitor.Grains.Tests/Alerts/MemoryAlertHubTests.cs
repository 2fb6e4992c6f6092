using Monitor.Grains.Tests.Support;

namespace Monitor.Grains.Tests.Alerts;

/// <summary>The alert hub over the memory provider (the store's SQL on an in-memory SQLite database).</summary>
public sealed class MemoryAlertHubTests : AlertHubTests
{
    protected override MonitorStorageOptions Storage() => StorageTargets.Memory();
}
