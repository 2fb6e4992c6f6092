using Monitor.Core.Accounts;
using Monitor.Core.Alerts;
using Monitor.Core.Detection;
using Monitor.Core.Tests.Builders;
using Xunit;

namespace Monitor.Core.Tests.Detection;

/// <summary>Counts rounded by the platform (YouTube: three significant figures; "1.2M" pages: two).</summary>
public sealed class RoundedCountTests
{
    private static readonly DateTimeOffset Year2020 = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset JumpAt = new(2020, 7, 14, 15, 30, 0, TimeSpan.Zero);
    private static readonly AccountKey Channel = AccountKey.Parse("youtube:UCBR8-60-B28hp2BmDPdntcQ");

    private static FollowerSeriesBuilder RoundedChannel(int samplesPerDay, int seed, long followers = 86_200, double perDay = 240, int figures = 3) =>
        new FollowerSeriesBuilder()
            .StartingAt(Year2020, followers)
            .GrowingPerDay(perDay)
            .WithWeeklyRhythm(0.3)
            .WithDailyRhythm(samplesPerDay > 1 ? 0.6 : 0)
            .WithOverdispersion(2)
            .WithSeed(seed)
            .SampledEvery(TimeSpan.FromDays(1.0 / samplesPerDay), TimeSpan.FromMinutes(samplesPerDay > 1 ? 10 : 60))
            .RoundedTo(figures);

    private static DetectorRun Run(IEnumerable<(DateTimeOffset Timestamp, long Followers)> series, CountResolution? declared)
    {
        var detector = new AccountDetector(DetectorSettings.Default, Channel);
        return DetectorRun.Of(detector, series, TimeSpan.FromHours(1), declared);
    }

    [Theory]
    [InlineData(24, 1, false)]
    [InlineData(24, 2, true)]
    [InlineData(1, 3, false)]
    [InlineData(1, 4, true)]
    public void A_year_of_organic_growth_on_a_rounded_series_raises_no_alert(int samplesPerDay, int seed, bool declared)
    {
        // 86,200 grows past 100,000 within the year, where the step grows from 100 to 1,000.
        var series = RoundedChannel(samplesPerDay, seed).Build(Year2020.AddYears(1));

        var run = Run(series, declared ? CountResolution.SignificantFigures(3) : null);

        Assert.True(series[^1].Followers > 100_000, $"the series ends at {series[^1].Followers}");
        Assert.True(run.Changes.Count == 0, run.Describe());
    }

    [Theory]
    [InlineData(24, 5)]
    [InlineData(1, 6)]
    public void A_year_of_organic_growth_shown_as_1_2M_raises_no_alert(int samplesPerDay, int seed)
    {
        var series = RoundedChannel(samplesPerDay, seed, followers: 1_180_000, perDay: 2_000, figures: 2).Build(Year2020.AddYears(1));

        var run = Run(series, declared: null);

        Assert.True(run.Changes.Count == 0, run.Describe());
    }

    [Theory]
    [InlineData(24, 1, false)]
    [InlineData(24, 2, true)]
    [InlineData(1, 3, false)]
    [InlineData(1, 4, true)]
    public void A_ten_percent_jump_on_the_same_series_raises_one_spike(int samplesPerDay, int seed, bool declared)
    {
        var quiet = RoundedChannel(samplesPerDay, seed).Build(JumpAt.AddDays(-1));
        var series = RoundedChannel(samplesPerDay, seed).WithJump(JumpAt, quiet[^1].Followers / 10).Build(Year2020.AddYears(1));

        var run = Run(series, declared ? CountResolution.SignificantFigures(3) : null);

        var spike = Assert.Single(run.Episodes);
        Assert.True(spike.Kind == AlertKind.Spike, run.Describe());
        // On a rounded series the interval starts at the first observation of the count before the jump.
        Assert.InRange(spike.Start, JumpAt.AddDays(-2.5), JumpAt);
        Assert.InRange(spike.Change, quiet[^1].Followers / 12, quiet[^1].Followers / 8);
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void A_jump_on_a_daily_series_that_straddles_a_sample_stays_a_spike(int seed, bool declared)
    {
        // A burst across the daily sample raises two day intervals; a surge raises every one.
        var quiet = RoundedChannel(1, seed).Build(JumpAt.AddDays(-1));
        var series = RoundedChannel(1, seed)
            .WithJump(JumpAt, quiet[^1].Followers * 6 / 100)
            .WithJump(JumpAt.AddDays(1), quiet[^1].Followers * 4 / 100)
            .Build(Year2020.AddYears(1));

        var run = Run(series, declared ? CountResolution.SignificantFigures(3) : null);

        Assert.True(run.EpisodesOf(AlertKind.Surge).Count == 0, run.Describe());
        Assert.NotEmpty(run.EpisodesOf(AlertKind.Spike));
    }

    [Fact]
    public void One_step_of_a_rounded_count_after_a_flat_stretch_is_no_spike()
    {
        // The case: 86,200 for ten hours, then 86,300 (a z of 13 against a baseline of flat hours).
        var detector = new AccountDetector(DetectorSettings.Default, Channel);
        var series = new List<(DateTimeOffset, long)>();
        var followers = 86_200L;
        for (var hour = 0; hour < 24 * 20; hour++)
        {
            followers += hour % 10 == 9 ? 100 : 0;
            series.Add((Year2020.AddHours(hour), followers));
        }

        series.Add((Year2020.AddHours(24 * 20), followers + 100));

        var run = DetectorRun.Of(detector, series, TimeSpan.FromHours(1));

        Assert.True(run.Changes.Count == 0, run.Describe());
        Assert.Equal(CountResolution.SignificantFigures(3), detector.Resolution);
        Assert.True(detector.ResolutionIsInferred);
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(8, true)]
    public void Five_silent_days_on_an_hourly_rounded_series_give_a_stall_and_no_rise(int seed, bool declared)
    {
        // 400,000 at 600 a day, rounded to 1,000: the catch-up after the silence is three steps, not a surge.
        var silence = new DateTimeOffset(2020, 7, 14, 5, 0, 0, TimeSpan.Zero);
        var series = RoundedChannel(24, seed, followers: 400_000, perDay: 600)
            .WithSilence(silence, silence.AddDays(5))
            .Build(silence.AddDays(20));

        var run = Run(series, declared ? CountResolution.SignificantFigures(3) : null);

        var stall = Assert.Single(run.Episodes);
        Assert.True(stall.Kind == AlertKind.Stall, run.Describe());
    }

    [Theory]
    [InlineData(86_123, 5)]
    [InlineData(412_345, 3)]
    [InlineData(12_345_678, 24)]
    public void Exact_counts_are_not_taken_for_rounded_ones(long start, long perHour)
    {
        var detector = new AccountDetector(DetectorSettings.Default, Channel);
        for (var hour = 0; hour < 200; hour++)
        {
            detector.Observe(Year2020.AddHours(hour), start + (hour * perHour) + (hour % 7));
        }

        Assert.Equal(CountResolution.Exact, detector.Resolution);
    }

    [Fact]
    public void A_declared_resolution_holds_until_another_is_declared_and_survives_a_restore()
    {
        var detector = new AccountDetector(DetectorSettings.Default, Channel);
        detector.Observe(Year2020, 86_200, CountResolution.SignificantFigures(3));
        detector.Observe(Year2020.AddHours(1), 86_231);

        var restored = AccountDetector.Restore(DetectorSettings.Default, detector.SerializeState());
        restored.Observe(Year2020.AddHours(2), 86_240);

        Assert.Equal(CountResolution.SignificantFigures(3), restored.Resolution);
        Assert.False(restored.ResolutionIsInferred);
        restored.Observe(Year2020.AddHours(3), 86_250, CountResolution.Exact);
        Assert.Equal(CountResolution.Exact, restored.Resolution);
    }
}
