using Monitor.Abstractions.Alerts;

namespace Monitor.Benchmarks.Alerts;

/// <summary>The alerts the alert benchmarks seed and publish: accounts x:i in groups of 1,000, four kinds, two severities.</summary>
public static class BenchAlerts
{
    public const int GroupSize = 1_000;

    private static readonly string[] Kinds = ["drop", "surge", "spike", "stall"];

    public static string KindOf(int index) => Kinds[index % Kinds.Length];

    public static string GroupOf(int index) => $"g{index / GroupSize}";

    /// <summary>The first account index of open alerts, apart from the resolved ones' accounts.</summary>
    public const int OpenAccountBase = 10_000_000;

    /// <summary>
    /// Open alert <paramref name="index"/> as the hub would hold it among many: accounts in groups <c>o0</c>, <c>o1</c>, ... of
    /// 1,000, four kinds, starts 5 days apart within a group and kind, and (open episodes all overlap) the alerts of a group
    /// and kind in one incident.
    /// </summary>
    public static AlertView OpenAlert(int index, DateTimeOffset now)
    {
        var group = $"o{index / GroupSize}";
        var kind = KindOf(index);
        var alert = Alert(OpenAccountBase + index, now.AddDays(-5 * (index % GroupSize / Kinds.Length)), ended: false, group: group);
        return alert with { Kind = kind, Id = $"{kind}-{alert.Account}", IncidentId = $"incident-{group}-{kind}-seed" };
    }

    /// <summary>Alert <paramref name="index"/>: resolved a day after <paramref name="start"/> when <paramref name="ended"/>, else open.</summary>
    public static AlertView Alert(int index, DateTimeOffset start, bool ended, string? group = null) => new(
        $"{KindOf(index)}-x:{index}-{start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}", $"x:{index}", KindOf(index), index % 5 == 0 ? "critical" : "warning",
        ended ? "resolved" : "open", start, start.AddHours(6), 400_000, ended ? start.AddDays(1) : null, 300, -4_000, -9.5, -12_000, -0.03,
        [group ?? GroupOf(index)], UpdatedAt: start, Platform: "x");
}
