using Monitor.Core.Alerts;
using Monitor.Core.Detection;
using Monitor.Core.Tests.Builders;
using Xunit;

namespace Monitor.Core.Tests.Detection;

/// <summary>An account whose growth rate changes for good: one surge, then the new rate is learnt, and detection goes on on it.</summary>
public sealed class RegimeChangeTests
{
    private static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Change = Start.AddDays(40);
    private static readonly DateTimeOffset Jump = Start.AddDays(110).AddHours(3);

    // 300 followers a day, then from day 40 on 1,500 a day for good, and a jump of 8,000 at day 110.
    private static List<EpisodeChange> Run(TimeSpan interval, DetectorSettings settings)
    {
        var series = new FollowerSeriesBuilder()
            .StartingAt(Start, 400_000).GrowingPerDay(300).WithWeeklyRhythm(0.3).WithDailyRhythm(interval < TimeSpan.FromDays(1) ? 0.5 : 0)
            .SampledEvery(interval)
            .WithSurge(Change, Start.AddDays(400), 1_200, 1_200, 1_200)
            .WithJump(Jump, 8_000)
            .Build(Start.AddDays(150));
        var detector = new AccountDetector(settings);
        var changes = new List<EpisodeChange>();
        foreach (var (timestamp, followers) in series)
        {
            changes.AddRange(detector.CheckStall(timestamp));
            changes.AddRange(detector.Observe(timestamp, followers));
        }

        return changes;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(24)]
    public void A_lasting_change_of_growth_rate_is_one_surge_that_ends_within_a_week_of_the_regime_setting_and_a_later_jump_is_still_a_spike(int hours)
    {
        var changes = Run(TimeSpan.FromHours(hours), DetectorSettings.Default);

        var opened = changes.Where(change => change.Type == EpisodeChangeType.Opened).Select(change => change.Episode).ToList();
        Assert.Equal(2, opened.Count);
        var surge = changes.Last(change => change.Episode.Id == opened[0].Id);
        Assert.Equal(AlertKind.Surge, surge.Episode.Kind);
        Assert.InRange(opened[0].Start, Change.AddDays(-1), Change.AddDays(2));
        Assert.Equal(EpisodeChangeType.Resolved, surge.Type);
        var after = DetectorSettings.Default.RegimeChangeAfter;
        Assert.InRange(surge.Episode.UpdatedAt, Change + after, Change + after + TimeSpan.FromDays(7));

        // On the new baseline the jump is a spike, not more of the surge, and nothing else opens.
        Assert.Equal(AlertKind.Spike, opened[1].Kind);
        Assert.InRange(opened[1].Start, Jump.AddDays(-1), Jump);
    }

    [Fact]
    public void Without_the_regime_rule_the_same_surge_stays_open_for_months()
    {
        var changes = Run(TimeSpan.FromHours(1), DetectorSettings.Default with { RegimeChangeAfter = TimeSpan.FromDays(90) });

        var surgeId = changes.First(change => change.Type == EpisodeChangeType.Opened).Episode.Id;
        var resolved = changes.Single(change => change.Episode.Id == surgeId && change.Type == EpisodeChangeType.Resolved);
        Assert.True(resolved.Episode.UpdatedAt >= Change.AddDays(85), $"resolved at {resolved.Episode.UpdatedAt:O}");
    }
}
