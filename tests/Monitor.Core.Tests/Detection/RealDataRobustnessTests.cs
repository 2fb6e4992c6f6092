using Monitor.Core.Accounts;
using Monitor.Core.Alerts;
using Monitor.Core.Detection;
using Monitor.Core.History;
using Monitor.Core.Tests.Builders;
using Xunit;

namespace Monitor.Core.Tests.Detection;

/// <summary>What real feeds do: shuffled batches with repeated points, and events that overlap.</summary>
public sealed class RealDataRobustnessTests
{
    private static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly AccountKey Account = AccountKey.Parse("x:783214");

    // As the account grain does: each batch goes through the history, and the detector sees what the history added.
    private static List<string> FeedInBatches(IEnumerable<IReadOnlyList<(DateTimeOffset Timestamp, long Followers)>> batches)
    {
        var history = new FollowerHistory();
        var detector = new AccountDetector(DetectorSettings.Default, Account);
        var changes = new List<string>();
        foreach (var batch in batches)
        {
            var result = history.Append(batch.Select(point => new FollowerSample(point.Timestamp, point.Followers, null, null)).ToList());
            foreach (var sample in result.Added)
            {
                changes.AddRange(detector.Observe(sample.Timestamp, sample.Followers).Select(change => $"{change.Type} {change.Episode}"));
            }
        }

        return changes;
    }

    [Fact]
    public void Shuffled_input_with_repeated_timestamps_gives_the_same_episodes_as_sorted_input()
    {
        var series = EventfulSeries.Build(Start);
        var random = new Random(5);
        var daily = series.GroupBy(point => point.Timestamp.UtcDateTime.Date).Select(day => (IReadOnlyList<(DateTimeOffset, long)>)day.ToList()).ToList();

        // Each day's batch shuffled, with a fifth of its points sent twice (a collector retrying), and one batch holding a
        // whole month shuffled (an import).
        var shuffled = daily.Select(day => (IReadOnlyList<(DateTimeOffset, long)>)day.Concat(day.Where(_ => random.Next(5) == 0)).OrderBy(_ => random.Next()).ToList()).ToList();
        var month = shuffled.Take(30).SelectMany(day => day).OrderBy(_ => random.Next()).ToList();
        var sorted = FeedInBatches(daily);

        var fromShuffled = FeedInBatches([month, .. shuffled.Skip(30)]);

        Assert.True(sorted.Count >= 8, string.Join('\n', sorted));
        Assert.Equal(sorted, fromShuffled);
    }

    [Fact]
    public void A_purge_during_a_surge_reports_both()
    {
        var series = new FollowerSeriesBuilder()
            .StartingAt(Start, 400_000).GrowingPerDay(300).WithWeeklyRhythm(0.3).WithDailyRhythm(0.5)
            .SampledEvery(TimeSpan.FromHours(1), TimeSpan.FromMinutes(10))
            .WithSurge(Start.AddDays(40), Start.AddDays(70), 3_000, 8_000, 2_000)
            .WithPurge(Start.AddDays(55).AddHours(14), 0.04)
            .Build(Start.AddDays(90));

        var run = DetectorRun.Of(new AccountDetector(DetectorSettings.Default, Account), series, TimeSpan.FromHours(1));

        var surge = Assert.Single(run.EpisodesOf(AlertKind.Surge));
        var drop = Assert.Single(run.EpisodesOf(AlertKind.Drop));
        Assert.InRange(drop.Start, Start.AddDays(55), Start.AddDays(55).AddHours(14));
        Assert.True(surge.Start < drop.Start && surge.End > drop.Start, run.Describe());
        Assert.Empty(run.EpisodesOf(AlertKind.Spike));
    }
}
