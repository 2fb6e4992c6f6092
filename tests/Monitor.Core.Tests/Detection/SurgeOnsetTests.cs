using Monitor.Core.Accounts;
using Monitor.Core.Alerts;
using Monitor.Core.Detection;
using Monitor.Core.Tests.Builders;
using Xunit;

namespace Monitor.Core.Tests.Detection;

/// <summary>How soon a sustained surge is reported (hourly data, and daily data rounded to three figures).</summary>
public sealed class SurgeOnsetTests
{
    private static readonly DateTimeOffset Start = new(2020, 7, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Onset = new(2020, 9, 27, 5, 0, 0, TimeSpan.Zero);
    private static readonly AccountKey Account = AccountKey.Parse("x:44044044");

    private static IReadOnlyList<(DateTimeOffset Timestamp, long Followers)> HourlySurge(int seed, int roundedTo = 0) =>
        Surge(seed, TimeSpan.FromHours(1), TimeSpan.FromMinutes(10), roundedTo);

    private static IReadOnlyList<(DateTimeOffset Timestamp, long Followers)> Surge(int seed, TimeSpan interval, TimeSpan jitter, int roundedTo) => new FollowerSeriesBuilder()
        .StartingAt(Start, 400_000)
        .GrowingPerDay(300)
        .WithWeeklyRhythm(0.3)
        .WithDailyRhythm(interval < TimeSpan.FromDays(1) ? 0.6 : 0)
        .WithOverdispersion(2)
        .WithSeed(seed)
        .SampledEvery(interval, jitter)
        .WithSurge(Onset, Onset.AddDays(44), 1_500, 6_000, 1_000)
        .RoundedTo(roundedTo)
        .Build(Onset.AddDays(60));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_surge_on_hourly_data_opens_within_24_hours_of_its_onset(int seed)
    {
        var run = DetectorRun.Of(new AccountDetector(DetectorSettings.Default, Account), HourlySurge(seed), TimeSpan.FromHours(1));

        var surge = Assert.Single(run.EpisodesOf(AlertKind.Surge));
        var opened = run.Changes.First(change => change.Episode.Id == surge.Id && change.Type == EpisodeChangeType.Opened);
        var reportedAsSurge = run.Changes.First(change => change.Episode.Id == surge.Id && change.Episode.Kind == AlertKind.Surge);
        Assert.InRange(reportedAsSurge.Episode.UpdatedAt, Onset, Onset.AddHours(24));
        Assert.True(opened.Episode.UpdatedAt >= Onset, run.Describe());
        Assert.Empty(run.EpisodesOf(AlertKind.Drop));
    }

    [Fact]
    public void Without_the_early_surge_check_the_same_surge_waits_for_three_day_rates()
    {
        var settings = DetectorSettings.Default with { EarlySurgeZ = 0 };

        var run = DetectorRun.Of(new AccountDetector(settings, Account), HourlySurge(1), TimeSpan.FromHours(1));

        var surge = Assert.Single(run.EpisodesOf(AlertKind.Surge));
        var reportedAsSurge = run.Changes.First(change => change.Episode.Id == surge.Id && change.Episode.Kind == AlertKind.Surge);
        Assert.True(reportedAsSurge.Episode.UpdatedAt > Onset.AddHours(24), run.Describe());
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void A_surge_on_an_hourly_series_rounded_to_three_figures_opens_within_two_days_of_its_onset(int seed, bool declared)
    {
        // At 400,000 a rounding step is 1,000 followers, three days of organic growth: the count moves a step at a time.
        var series = HourlySurge(seed, roundedTo: 3);
        var detector = new AccountDetector(DetectorSettings.Default, Account);

        var run = DetectorRun.Of(detector, series, TimeSpan.FromHours(1), declared ? CountResolution.SignificantFigures(3) : null);

        var surge = Assert.Single(run.Episodes);
        Assert.True(surge.Kind == AlertKind.Surge, run.Describe());
        var opened = run.Changes.First(change => change.Episode.Id == surge.Id && change.Type == EpisodeChangeType.Opened);
        Assert.InRange(opened.Episode.UpdatedAt, Onset, Onset.AddHours(48));
        Assert.Equal(CountResolution.SignificantFigures(3), detector.Resolution);
    }

    [Theory]
    [InlineData(7, false)]
    [InlineData(8, true)]
    [InlineData(9, false)]
    public void A_surge_on_a_daily_series_rounded_to_three_figures_opens_within_four_days_of_its_onset(int seed, bool declared)
    {
        // A day's change is known only to a step (1,000 followers, three days of organic growth), so one day is not enough:
        // the surge opens once two day intervals in a row rose beyond what the rounding allows.
        var detector = new AccountDetector(DetectorSettings.Default, Account);

        var run = DetectorRun.Of(detector, Surge(seed, TimeSpan.FromDays(1), TimeSpan.FromMinutes(60), roundedTo: 3), TimeSpan.FromHours(1), declared ? CountResolution.SignificantFigures(3) : null);

        var surge = Assert.Single(run.Episodes);
        Assert.True(surge.Kind == AlertKind.Surge, run.Describe());
        var opened = run.Changes.First(change => change.Episode.Id == surge.Id && change.Type == EpisodeChangeType.Opened);
        Assert.InRange(opened.Episode.UpdatedAt, Onset, Onset.AddDays(4));
        Assert.Equal(CountResolution.SignificantFigures(3), detector.Resolution);
    }
}
