using Monitor.Abstractions.Alerts;

namespace Monitor.Benchmarks.Alerts;

/// <summary>The alerts the alert benchmarks seed and publish: accounts x:i in groups of 1,000, four kinds, two severities.</summary>
public static class BenchAlerts
{
    public const int GroupSize = 1_000;

    private static readonly string[] Kinds = ["drop", "surge", "spike", "stall"];

    public static string KindOf(int index) => Kinds[index % Kinds.Length];

    public static string GroupOf(int index) => $"g{index / GroupSize}";

    /// <summary>Alert <paramref name="index"/>: resolved a day after <paramref name="start"/> when <paramref name="ended"/>, else open.</summary>
    public static AlertView Alert(int index, DateTimeOffset start, bool ended, string? group = null) => new(
        $"{KindOf(index)}-x:{index}-{start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}", $"x:{index}", KindOf(index), index % 5 == 0 ? "critical" : "warning",
        ended ? "resolved" : "open", start, start.AddHours(6), 400_000, ended ? start.AddDays(1) : null, 300, -4_000, -9.5, -12_000, -0.03,
        [group ?? GroupOf(index)], UpdatedAt: start, Platform: "x");
}
