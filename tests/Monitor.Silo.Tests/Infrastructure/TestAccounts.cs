namespace Monitor.Silo.Tests.Infrastructure;

/// <summary>Fresh account keys, so tests that share a database never see each other's accounts or alerts.</summary>
public static class TestAccounts
{
    private static long _next = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000);

    /// <summary>A new numeric X account key, e.g. <c>x:4211042710</c>.</summary>
    public static string NewKey() => $"x:{Interlocked.Increment(ref _next)}";

    /// <summary>A new group name.</summary>
    public static string NewGroup() => $"group-{Guid.NewGuid():N}"[..20];
}
