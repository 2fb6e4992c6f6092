namespace Monitor.Core.Tests.Builders;

/// <summary>Surge, jump, purge and a silence long enough for a stall, sampled hourly with jitter, over 110 days.</summary>
public static class EventfulSeries
{
    public static IReadOnlyList<(DateTimeOffset Timestamp, long Followers)> Build(DateTimeOffset start) => new FollowerSeriesBuilder()
        .StartingAt(start, 400_000).GrowingPerDay(300).WithWeeklyRhythm(0.3).WithDailyRhythm(0.5)
        .SampledEvery(TimeSpan.FromHours(1), TimeSpan.FromMinutes(10))
        .WithSurge(start.AddDays(40), start.AddDays(60), 3_000, 8_000, 2_000)
        .WithJump(start.AddDays(75).AddHours(3), 5_000)
        .WithPurge(start.AddDays(85), 0.03)
        .WithSilence(start.AddDays(95), start.AddDays(98))
        .Build(start.AddDays(110));
}
