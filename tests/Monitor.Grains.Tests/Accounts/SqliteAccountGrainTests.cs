using Monitor.Grains.Tests.Support;
using Monitor.Testing;

namespace Monitor.Grains.Tests.Accounts;

public sealed class SqliteAccountGrainTests : DurableAccountGrainTests
{
    private readonly TemporaryDirectory _directory = new();

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
