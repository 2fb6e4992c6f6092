using Monitor.Runtime.Storage;

namespace Monitor.Runtime.Tests.Storage;

public sealed class InMemoryGrainStorageTests : GrainStorageConformanceTests
{
    protected override IGrainStorage CreateStorage() => new InMemoryGrainStorage();
}
