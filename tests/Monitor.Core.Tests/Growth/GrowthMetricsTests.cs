using Monitor.Core.Growth;
using Monitor.Core.History;
using Monitor.Core.Tests.Builders;
using Xunit;

namespace Monitor.Core.Tests.Growth;

public sealed class GrowthMetricsTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_steady_series_gives_its_rate_over_every_window()
    {
        // 100,000 followers + 240 a day, sampled hourly for 60 days; posts 20,000 + 3 a day.
        var history = new FollowerHistory();
        history.Append(new SampleSeriesBuilder().StartingWith(100_000).GrowingPerDay(240).Sampled(Start, TimeSpan.FromHours(1), 24 * 60).Build());
        var now = Start.AddDays(60).AddMinutes(-30);

        var metrics = GrowthMetrics.Compute(history, now);

        Assert.Equal(Start.AddDays(60).AddHours(-1), metrics.LatestAt);
        Assert.Equal(100_000 + (240 * 60) - 10, metrics.Followers);
        Assert.Equal(512, metrics.Following);
        Assert.Equal(20_000 + (long)Math.Floor(3 * (60 - (1 / 24.0))), metrics.Posts);
        Assert.Equal(240, metrics.Day.NetChange);
        Assert.Equal(240, metrics.Day.RatePerDay!.Value, 6);
        Assert.Equal(240 * 7, metrics.Week.NetChange);
        Assert.Equal(240 * 30, metrics.Month.NetChange);
        Assert.Equal(240, metrics.Month.RatePerDay!.Value, 6);
        Assert.Equal(240.0 * 30 / (100_000 + (240 * 30) - 10), metrics.Month.RelativeGrowth!.Value, 9);
        Assert.Equal(metrics.Followers + (240 * 30), metrics.ProjectedFollowers30d);
        Assert.Equal((double)metrics.Followers!.Value / metrics.Posts!.Value, metrics.FollowersPerPost!.Value, 9);
    }

    [Fact]
    public void Windows_without_a_reference_point_are_null_not_zero()
    {
        var history = new FollowerHistory();
        history.Append(new SampleSeriesBuilder().WithoutFollowingOrPosts().Sampled(Start, TimeSpan.FromHours(6), 4 * 3).Build());

        var metrics = GrowthMetrics.Compute(history, Start.AddDays(3));

        Assert.NotNull(metrics.Day.NetChange);
        Assert.Null(metrics.Week.NetChange);
        Assert.Null(metrics.Week.RatePerDay);
        Assert.Null(metrics.Month.RelativeGrowth);
        Assert.Null(metrics.ProjectedFollowers30d);
        Assert.Null(metrics.FollowersPerPost);
        Assert.Null(metrics.Posts);
    }

    [Fact]
    public void An_empty_history_has_no_figures()
    {
        var metrics = GrowthMetrics.Compute(new FollowerHistory(), Start);

        Assert.Null(metrics.Followers);
        Assert.Null(metrics.LatestAt);
        Assert.Null(metrics.Day.RatePerDay);
    }

    [Fact]
    public void Reference_points_come_from_the_roll_up_tiers_when_raw_points_are_gone()
    {
        var history = new FollowerHistory();
        history.Append(new SampleSeriesBuilder().StartingWith(1_000_000).GrowingPerDay(1_000).Sampled(Start, TimeSpan.FromHours(1), 24 * 200).Build());

        var metrics = GrowthMetrics.Compute(history, Start.AddDays(200));

        Assert.True(history.RawCount < 24 * 9);
        // Latest point: 199 days 23 hours; reference: the hourly roll-up whose last observation is exactly day 170.
        Assert.Equal(Start.AddDays(170), metrics.Month.Since);
        Assert.Equal((long)Math.Round(1_000 * (30 - (1 / 24.0))), metrics.Month.NetChange);
        Assert.InRange(metrics.Month.RatePerDay!.Value, 999.9, 1_000.1);
    }
}
