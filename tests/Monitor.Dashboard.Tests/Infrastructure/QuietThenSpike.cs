using Monitor.Abstractions.Accounts;

namespace Monitor.Dashboard.Tests.Infrastructure;

/// <summary>A recent daily history that grows quietly for weeks, and the one-day jump that follows it and opens a spike.</summary>
public sealed class QuietThenSpike(string account, int baselineDays = 40, long startFollowers = 100_000, int seed = 11)
{
    private readonly DateTimeOffset _start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-(baselineDays + 2));

    /// <summary>The quiet weeks: about +100 a day with ±10% noise.</summary>
    public IReadOnlyList<ObservationInput> Baseline()
    {
        var random = new Random(seed);
        var followers = startFollowers;
        var points = new List<ObservationInput>(baselineDays);
        for (var day = 0; day < baselineDays; day++)
        {
            points.Add(new ObservationInput(account, _start.AddDays(day), followers, null, null, "dashboard-test"));
            followers += 100 + random.Next(-10, 11);
        }

        return points;
    }

    /// <summary>The day after the baseline: followers jump by a fifth.</summary>
    public IReadOnlyList<ObservationInput> Spike()
    {
        var last = Baseline()[^1];
        return [new ObservationInput(account, _start.AddDays(baselineDays), last.Followers + (startFollowers / 5), null, null, "dashboard-test")];
    }
}
