using Monitor.Core.Entities;
using Xunit;

namespace Monitor.Core.Tests.Entities;

public sealed class CrossPlatformCorroborationTests
{
    private static readonly DateTimeOffset HistoryStart = new(2020, 8, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SurgeStart = new(2020, 9, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SurgeEnd = new(2020, 10, 7, 0, 0, 0, TimeSpan.Zero);

    // Daily points: a steady 100 followers and 2 posts a day, and from the surge start `surgePerDay` more followers a day
    // (and `surgePostsPerDay` posts instead of 2) until the surge ends.
    private static EntityAccountSeries Series(string account, long startFollowers, long surgePerDay, long surgePostsPerDay = 2)
    {
        var points = new List<CountPoint>();
        long followers = startFollowers, posts = 1_000;
        for (var at = HistoryStart; at <= SurgeEnd.AddDays(5); at = at.AddDays(1))
        {
            var surging = at > SurgeStart && at <= SurgeEnd;
            followers += 100 + (surging ? surgePerDay : 0);
            posts += surging ? surgePostsPerDay : 2;
            points.Add(new CountPoint(at, followers, posts));
        }

        return new EntityAccountSeries(account, account.Split(':')[0], points);
    }

    [Fact]
    public void A_simultaneous_surge_on_three_platforms_reads_three_of_three()
    {
        var reading = CrossPlatformCorroboration.Read("x:leader", SurgeStart, SurgeEnd,
            [Series("x:leader", 1_000_000, 5_000), Series("instagram:leader", 300_000, 1_500), Series("youtube:leader", 50_000, 400)]);

        Assert.Equal((3, 3, 0), (reading.Moved, reading.Compared, reading.WithoutData));
        Assert.StartsWith("corroboration: 3 of 3 accounts", reading.Summary, StringComparison.Ordinal);
        Assert.Equal("x:leader", reading.Accounts[0].Account);
        Assert.All(reading.Accounts, account => Assert.Equal(AccountMovement.Moved, account.Movement));
    }

    [Fact]
    public void A_surge_on_one_platform_with_flat_posts_reads_one_of_three_and_posts_plus_zero()
    {
        var reading = CrossPlatformCorroboration.Read("x:leader", SurgeStart, SurgeEnd,
            [Series("x:leader", 1_000_000, 5_000, surgePostsPerDay: 0), Series("instagram:leader", 300_000, 0), Series("youtube:leader", 50_000, 0)]);

        Assert.Equal((1, 3), (reading.Moved, reading.Compared));
        Assert.Equal(0, reading.PostsChange);
        Assert.Equal("corroboration: 1 of 3 accounts; posts: +0", reading.Summary);
        Assert.Equal([AccountMovement.Moved, AccountMovement.Flat, AccountMovement.Flat], reading.Accounts.Select(account => account.Movement));
    }

    [Fact]
    public void Each_account_is_read_against_its_own_baseline_not_in_absolute_followers()
    {
        // 150 extra a day is nothing for a million-follower account but triples a 100-a-day account on 20,000 followers.
        var reading = CrossPlatformCorroboration.Read("x:leader", SurgeStart, SurgeEnd,
            [Series("x:leader", 1_000_000, 5_000), Series("telegram:leader", 20_000, 250)]);

        var telegram = reading.Accounts.Single(account => account.Account == "telegram:leader");
        Assert.Equal(AccountMovement.Moved, telegram.Movement);
        Assert.Equal(100, telegram.BaselineRatePerDay!.Value, precision: 6);
    }

    [Fact]
    public void Growth_below_the_rate_multiple_is_flat()
    {
        // Twice the baseline rate is not three times it.
        var reading = CrossPlatformCorroboration.Read("x:leader", SurgeStart, SurgeEnd,
            [Series("x:leader", 1_000_000, 5_000), Series("facebook:leader", 10_000, 100)]);

        Assert.Equal(AccountMovement.Flat, reading.Accounts.Single(account => account.Platform == "facebook").Movement);
    }

    [Fact]
    public void An_account_without_points_before_or_in_the_window_is_counted_apart()
    {
        var late = new EntityAccountSeries("tiktok:leader", "tiktok", [new CountPoint(SurgeEnd.AddDays(30), 5_000, 10)]);
        var reading = CrossPlatformCorroboration.Read("x:leader", SurgeStart, SurgeEnd, [Series("x:leader", 1_000_000, 5_000), late]);

        Assert.Equal((1, 1, 1), (reading.Moved, reading.Compared, reading.WithoutData));
        Assert.Equal("corroboration: 1 of 1 accounts (1 without data); posts: +20", reading.Summary);
    }

    [Fact]
    public void Posts_are_unknown_when_the_platform_gives_none()
    {
        var noPosts = new EntityAccountSeries("x:leader", "x",
            Series("x:leader", 1_000_000, 5_000).Points.Select(point => point with { Posts = null }).ToList());

        Assert.EndsWith("posts: unknown", CrossPlatformCorroboration.Read("x:leader", SurgeStart, SurgeEnd, [noPosts]).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_baseline_is_the_median_daily_rate()
    {
        var points = new[] { 0, 10, 30, 1_000 }.Select((followers, day) => new CountPoint(HistoryStart.AddDays(day), followers, null)).ToList();

        Assert.Equal(20, CrossPlatformCorroboration.BaselineRate(points));
    }
}
