using Monitor.Grains.Tests.Support;

namespace Monitor.Grains.Tests.Accounts;

public sealed class SqliteAccountGrainTests : DurableAccountGrainTests
{
    private readonly TempDirectory _directory = new();

    public SqliteAccountGrainTests()
    {
        Storage = StorageTargets.Sqlite(_directory);
    }

    protected override MonitorStorageOptions Storage { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
