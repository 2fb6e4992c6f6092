using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;

namespace Monitor.Reports.Tests;

/// <summary>Members, histories and alerts for reports built in memory.</summary>
internal static class ReportFixtures
{
    public static readonly GrowthWindow NoGrowth = new(null, null, null);

    /// <summary>An account with a daily history from <paramref name="first"/>: one count a day, stamped with the day's start as day buckets are.</summary>
    public static ReportAccountInput Account(string key, string name, DateOnly first, IReadOnlyList<long> daily, bool synthetic = false, bool collected = false)
    {
        var platform = key[..key.IndexOf(':', StringComparison.Ordinal)];
        var tags = synthetic ? new[] { AccountTags.Synthetic } : [];
        var collection = collected ? new CollectionStatus(DateTimeOffset.UnixEpoch, PollStatus.Ok, null, DateTimeOffset.UnixEpoch, 0, null, []) : null;
        var summary = new AccountSummary(key, platform, new AccountProfile(key[(platform.Length + 1)..], name, ["g"], tags), null, daily[^1], null, null, null,
            NoGrowth, NoGrowth, NoGrowth, null, [], collection);
        var history = daily.Select((followers, day) => new HistoryPoint(DayStart(first.AddDays(day)), followers, null, null, followers, followers, HistoryResolution.Day)).ToList();
        return new ReportAccountInput(summary, history);
    }

    /// <summary>Midday UTC of <paramref name="day"/>.</summary>
    public static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    /// <summary>00:00 UTC of <paramref name="day"/>.</summary>
    public static DateTimeOffset DayStart(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static AlertView Alert(string id, string account, DateTimeOffset start, DateTimeOffset? end, string kind = "surge") =>
        new(id, account, kind, "warning", end is null ? "open" : "resolved", start, start, 0, end, 10, 100, 5, 1000, 0.1, ["g"]);
}
