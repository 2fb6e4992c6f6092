using Monitor.Abstractions.Accounts;

namespace Monitor.Cluster.Tests.Processes;

/// <summary>Observation data for the cluster tests: unique account keys, steady minute-by-minute points, and a surge that opens one alert.</summary>
public static class TestObservations
{
    private static long _nextKey = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000);

    /// <summary>When steady series start: recent, so every point stays in the raw history tier.</summary>
    public static DateTimeOffset SteadyStart { get; } = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-2);

    /// <summary>A fresh account key.</summary>
    public static string NewAccount() => $"x:{Interlocked.Increment(ref _nextKey)}";

    /// <summary>Point number <paramref name="step"/> of <paramref name="account"/>'s steady series (one a minute, +10 followers each).</summary>
    public static ObservationInput Steady(string account, int step) =>
        new(account, SteadyStart.AddMinutes(step), 50_000 + (10L * step), Source: "cluster-test");

    /// <summary>A point half a minute after <see cref="Steady"/> point <paramref name="step"/>: one no steady series posts.</summary>
    public static ObservationInput Between(string account, int step) =>
        new(account, SteadyStart.AddMinutes(step).AddSeconds(30), 50_000 + (10L * step) + 5, Source: "cluster-test");

    /// <summary>120 quiet days, a 30-day surge, 90 quiet days, ending a few days ago: the detector opens exactly one surge alert.</summary>
    public static IReadOnlyList<ObservationInput> Surge(string account)
    {
        var random = new Random(7);
        var observations = new List<ObservationInput>();
        var timestamp = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-245);
        var followers = 100_000L;
        foreach (var (days, perDay) in new[] { (120, 100L), (30, 3_000L), (90, 100L) })
        {
            for (var day = 0; day < days; day++)
            {
                observations.Add(new ObservationInput(account, timestamp, followers, Source: "cluster-test"));
                followers += perDay + (long)Math.Round(perDay * 0.1 * ((random.NextDouble() * 2) - 1));
                timestamp = timestamp.AddDays(1);
            }
        }

        return observations;
    }
}
