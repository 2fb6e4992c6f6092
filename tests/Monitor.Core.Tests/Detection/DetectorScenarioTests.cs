using Monitor.Core.Accounts;
using Monitor.Core.Alerts;
using Monitor.Core.Detection;
using Monitor.Core.Tests.Builders;
using Xunit;

namespace Monitor.Core.Tests.Detection;

public sealed class DetectorScenarioTests
{
    private static readonly DateTimeOffset Year2020 = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WarStart = new(2020, 9, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WarEnd = new(2020, 11, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly AccountKey Account = AccountKey.Parse("x:2996296402");

    private static FollowerSeriesBuilder OrganicAccount() => new FollowerSeriesBuilder()
        .StartingAt(Year2020, 400_000)
        .GrowingPerDay(300)
        .WithWeeklyRhythm(0.3)
        .WithOverdispersion(2);

    private static FollowerSeriesBuilder WarAccount() => OrganicAccount().WithSurge(WarStart, WarEnd, 3_000, 10_000, 3_000);

    [Theory]
    [InlineData(24)]
    [InlineData(1)]
    public void Surge_during_war_window_opens_exactly_one_episode(int samplesPerDay)
    {
        var series = WarAccount()
            .SampledEvery(TimeSpan.FromDays(1.0 / samplesPerDay))
            .WithDailyRhythm(samplesPerDay > 1 ? 0.5 : 0)
            .Build(new DateTimeOffset(2020, 12, 31, 0, 0, 0, TimeSpan.Zero));

        var run = DetectorRun.Of(new AccountDetector(DetectorSettings.Default, Account), series);

        var surge = Assert.Single(run.EpisodesOf(AlertKind.Surge));
        Assert.Empty(run.EpisodesOf(AlertKind.Spike));
        Assert.Empty(run.EpisodesOf(AlertKind.Drop));
        Assert.Equal(EpisodeStatus.Resolved, surge.Status);
        Assert.True(surge.Start <= WarStart + TimeSpan.FromDays(2) && surge.Start >= WarStart - TimeSpan.FromDays(1), run.Describe());
        Assert.True(surge.End >= WarEnd - TimeSpan.FromDays(7) && surge.End <= WarEnd + TimeSpan.FromDays(7), run.Describe());
        Assert.Equal(Severity.Critical, surge.Severity);
        Assert.InRange(surge.BaselineRatePerDay, 150, 450);
        Assert.True(surge.Change > 150_000, run.Describe());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(24, 3)]
    [InlineData(24, 4)]
    public void A_year_of_organic_growth_raises_no_alert(int samplesPerDay, int seed)
    {
        var series = OrganicAccount()
            .WithSeed(seed)
            .SampledEvery(TimeSpan.FromDays(1.0 / samplesPerDay), TimeSpan.FromMinutes(samplesPerDay > 1 ? 10 : 60))
            .WithDailyRhythm(samplesPerDay > 1 ? 0.6 : 0)
            .Build(Year2020.AddYears(1));

        var run = DetectorRun.Of(new AccountDetector(DetectorSettings.Default, Account), series, TimeSpan.FromHours(1));

        Assert.True(run.Changes.Count == 0, run.Describe());
    }

    [Fact]
    public void A_five_percent_purge_opens_exactly_one_drop()
    {
        var purge = new DateTimeOffset(2020, 7, 11, 12, 0, 0, TimeSpan.Zero);
        var series = OrganicAccount().WithPurge(purge, 0.05).Build(Year2020.AddYears(1));

        var run = DetectorRun.Of(new AccountDetector(DetectorSettings.Default, Account), series);

        var drop = Assert.Single(run.Episodes);
        Assert.Equal(AlertKind.Drop, drop.Kind);
        Assert.Equal(EpisodeStatus.Resolved, drop.Status);
        Assert.Equal(new DateTimeOffset(2020, 7, 11, 0, 0, 0, TimeSpan.Zero), drop.Start);
        Assert.InRange(drop.RelativeChange, -0.06, -0.04);
        Assert.Equal(Severity.Critical, drop.Severity);
    }

    [Fact]
    public void A_purge_spread_over_hours_is_one_drop()
    {
        var series = OrganicAccount().SampledEvery(TimeSpan.FromHours(1)).WithDailyRhythm(0.5)
            .WithPurge(new DateTimeOffset(2020, 3, 3, 10, 30, 0, TimeSpan.Zero), 0.01)
            .WithPurge(new DateTimeOffset(2020, 3, 3, 11, 30, 0, TimeSpan.Zero), 0.02)
            .WithPurge(new DateTimeOffset(2020, 3, 3, 14, 30, 0, TimeSpan.Zero), 0.01)
            .Build(new DateTimeOffset(2020, 4, 1, 0, 0, 0, TimeSpan.Zero));

        var run = DetectorRun.Of(new AccountDetector(DetectorSettings.Default, Account), series);

        var drop = Assert.Single(run.Episodes);
        Assert.Equal(AlertKind.Drop, drop.Kind);
        Assert.Equal(new DateTimeOffset(2020, 3, 3, 15, 0, 0, TimeSpan.Zero), drop.End);
    }

    [Theory]
    [InlineData(24)]
    [InlineData(1)]
    public void A_three_day_silence_opens_exactly_one_stall_resolved_when_data_resumes(int samplesPerDay)
    {
        var silenceFrom = new DateTimeOffset(2020, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var resumeAt = silenceFrom.AddDays(3);
        var series = OrganicAccount().SampledEvery(TimeSpan.FromDays(1.0 / samplesPerDay))
            .WithSilence(silenceFrom, resumeAt)
            .Build(new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.Zero));

        var run = DetectorRun.Of(new AccountDetector(DetectorSettings.Default, Account), series, TimeSpan.FromMinutes(30));

        var stall = Assert.Single(run.Episodes);
        Assert.Equal(AlertKind.Stall, stall.Kind);
        Assert.Equal(silenceFrom - TimeSpan.FromDays(1.0 / samplesPerDay), stall.Start);
        Assert.Equal(resumeAt, stall.End);
        Assert.Equal([EpisodeChangeType.Opened, EpisodeChangeType.Resolved], run.Changes.Select(c => c.Type));
    }

    [Fact]
    public void A_one_day_spike_opens_one_spike()
    {
        var series = OrganicAccount().WithJump(new DateTimeOffset(2020, 6, 15, 12, 0, 0, TimeSpan.Zero), 6_000).Build(Year2020.AddYears(1));

        var run = DetectorRun.Of(new AccountDetector(DetectorSettings.Default, Account), series);

        var spike = Assert.Single(run.Episodes);
        Assert.Equal(AlertKind.Spike, spike.Kind);
        Assert.Equal(new DateTimeOffset(2020, 6, 15, 0, 0, 0, TimeSpan.Zero), spike.Start);
        Assert.Equal(new DateTimeOffset(2020, 6, 16, 0, 0, 0, TimeSpan.Zero), spike.End);
        Assert.Equal($"spike-x:2996296402-20200615T000000Z", spike.Id);
        Assert.InRange(spike.Change, 6_000, 7_000);
    }

    [Fact]
    public void A_forty_follower_account_gaining_twenty_raises_nothing()
    {
        var series = new FollowerSeriesBuilder().StartingAt(Year2020, 40).GrowingPerDay(0.2).WithOverdispersion(1)
            .WithJump(new DateTimeOffset(2020, 4, 1, 12, 0, 0, TimeSpan.Zero), 20)
            .Build(Year2020.AddDays(150));

        var detector = new AccountDetector(DetectorSettings.Default, Account);
        var run = DetectorRun.Of(detector, series);

        Assert.Empty(run.Changes);
        Assert.True(run.Scores.Max() > 0.5, "the jump is still statistically anomalous");
    }

    [Fact]
    public void A_spike_during_a_surge_is_folded_into_the_surge()
    {
        var series = WarAccount().WithJump(new DateTimeOffset(2020, 10, 20, 12, 0, 0, TimeSpan.Zero), 60_000).Build(Year2020.AddYears(1));

        var run = DetectorRun.Of(new AccountDetector(DetectorSettings.Default, Account), series);

        var surge = Assert.Single(run.Episodes);
        Assert.Equal(AlertKind.Surge, surge.Kind);
        Assert.Equal(new DateTimeOffset(2020, 10, 21, 0, 0, 0, TimeSpan.Zero), surge.PeakAt);
    }

    [Fact]
    public void The_anomaly_score_rises_for_a_dip_as_well_as_a_spike()
    {
        var quietDay = new DateTimeOffset(2020, 4, 10, 0, 0, 0, TimeSpan.Zero);
        var spikeAt = new DateTimeOffset(2020, 4, 20, 12, 0, 0, TimeSpan.Zero);
        var series = new FollowerSeriesBuilder().StartingAt(Year2020, 400_000).SampledEvery(TimeSpan.FromHours(1)).GrowingPerDay(2_400)
            .WithSurge(quietDay, quietDay.AddHours(6), 0, 0, 0)
            .WithJump(spikeAt, 1_500)
            .Build(new DateTimeOffset(2020, 5, 1, 0, 0, 0, TimeSpan.Zero));

        var run = DetectorRun.Of(new AccountDetector(DetectorSettings.Default), series);

        // The dip: six hours without growth. The spike: fifteen hours' growth in one hour.
        var dipIndex = series.Select((p, i) => (p, i)).First(x => x.p.Timestamp > quietDay).i;
        var spikeIndex = series.Select((p, i) => (p, i)).First(x => x.p.Timestamp >= spikeAt).i;
        Assert.True(run.Scores[dipIndex] > 0.5, $"score at the dip was {run.Scores[dipIndex]:F3}");
        Assert.True(run.Scores[spikeIndex] > 0.5, $"score at the spike was {run.Scores[spikeIndex]:F3}");
        var quietBefore = run.Scores.Take(dipIndex).Skip(24 * 14).Max();
        Assert.True(quietBefore < run.Scores[dipIndex], $"quiet days scored up to {quietBefore:F3}, the dip {run.Scores[dipIndex]:F3}");
        Assert.True(quietBefore < run.Scores[spikeIndex], $"quiet days scored up to {quietBefore:F3}, the spike {run.Scores[spikeIndex]:F3}");
    }
}
