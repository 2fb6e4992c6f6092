using Monitor.Grains.Tests.Support;

namespace Monitor.Grains.Tests.Accounts;

public sealed class MemoryAccountGrainTests : AccountGrainTests
{
    protected override MonitorStorageOptions Storage { get; } = StorageTargets.Memory();
}
