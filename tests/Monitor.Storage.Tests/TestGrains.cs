using Orleans.Runtime;

namespace Monitor.Storage.Tests;

/// <summary>Grain ids that no other test uses.</summary>
public static class TestGrains
{
    public static GrainId NewAccount() => GrainId.Create("account", $"x:{Guid.NewGuid():N}");
}
