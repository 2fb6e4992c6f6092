namespace Monitor.Storage.Tests;

/// <summary>Grain ids that no other test uses.</summary>
public static class TestGrains
{
    public static GrainId NewAccount() => new("account", $"x:{Guid.NewGuid():N}");

    public static GrainId New(string type) => new(type, Guid.NewGuid().ToString("N"));
}
