using Monitor.Core.Detection;
using Monitor.Core.Tests.Builders;
using Xunit;

namespace Monitor.Core.Tests.Detection;

public sealed class AnomalyScoreTests
{
    private static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Hourly counts gaining 100 an hour with normal noise of 10, then from day 30 gaining <paramref name="shift"/> more an
    /// hour for good: a level shift no single hour shows as extreme.
    /// </summary>
    private static List<(DateTimeOffset Timestamp, long Followers)> LevelShift(double shift)
    {
        var random = new Random(20200927);
        var series = new List<(DateTimeOffset, long)>();
        var followers = 400_000.0;
        for (var hour = 0; hour < 24 * 45; hour++)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            followers += 100 + (10 * normal) + (hour >= 24 * 30 ? shift : 0);
            series.Add((Start.AddHours(hour), (long)Math.Round(followers)));
        }

        return series;
    }

    private static (double Before, double After) Scores(DetectorSettings settings, List<(DateTimeOffset Timestamp, long Followers)> series)
    {
        var scores = DetectorRun.Of(new AccountDetector(settings), series).Scores;
        return (scores.Skip(24 * 20).Take(24 * 10).Max(), scores.Skip(24 * 30).Take(48).Max());
    }

    [Fact]
    public void A_level_shift_of_four_deviations_stands_out_only_with_the_shift_term()
    {
        // Four deviations an hour is below SpikeZ: no single hour is a spike, but the day after the shift is unusual.
        var series = LevelShift(40);

        var withShift = Scores(DetectorSettings.Default, series);
        var withoutShift = Scores(DetectorSettings.Default with { ScoreShiftSpan = 0 }, series);

        Assert.True(withShift.After > 1.2 * withShift.Before, $"with the shift term: {withShift.After:F3} after, {withShift.Before:F3} before");
        Assert.True(withoutShift.After < 1.1 * withoutShift.Before, $"without it: {withoutShift.After:F3} after, {withoutShift.Before:F3} before");
    }

    [Fact]
    public void Without_a_shift_the_shift_term_raises_nothing_new()
    {
        var series = LevelShift(0);

        var withShift = Scores(DetectorSettings.Default, series);

        Assert.True(withShift.After < 1.1 * withShift.Before, $"{withShift.After:F3} after, {withShift.Before:F3} before");
    }

    [Fact]
    public void The_shift_term_changes_the_score_and_no_episode()
    {
        var series = EventfulSeries.Build(Start);

        var withShift = DetectorRun.Of(new AccountDetector(DetectorSettings.Default), series, TimeSpan.FromHours(1));
        var withoutShift = DetectorRun.Of(new AccountDetector(DetectorSettings.Default with { ScoreShiftSpan = 0 }), series, TimeSpan.FromHours(1));

        Assert.True(withShift.Changes.Count >= 8, withShift.Describe());
        Assert.Equal(withoutShift.Describe(), withShift.Describe());
        Assert.NotEqual(withoutShift.Scores, withShift.Scores);
    }

    [Theory]
    [InlineData(ScoreCalibration.TailPerPoint)]
    [InlineData(ScoreCalibration.TailPerDay)]
    public void The_calibrated_score_changes_the_score_and_no_episode(ScoreCalibration calibration)
    {
        var series = EventfulSeries.Build(Start);

        var calibrated = DetectorRun.Of(new AccountDetector(DetectorSettings.Default with { ScoreCalibration = calibration }), series, TimeSpan.FromHours(1));
        var standardised = DetectorRun.Of(new AccountDetector(DetectorSettings.Default), series, TimeSpan.FromHours(1));

        Assert.True(calibrated.Changes.Count >= 8, calibrated.Describe());
        Assert.Equal(standardised.Describe(), calibrated.Describe());
        Assert.NotEqual(standardised.Scores, calibrated.Scores);
        Assert.All(calibrated.Scores, score => Assert.InRange(score, 0, 1));
    }

    [Fact]
    public void A_level_shift_stands_out_in_the_calibrated_score()
    {
        var series = LevelShift(40);

        var calibrated = Scores(DetectorSettings.Default with { ScoreCalibration = ScoreCalibration.TailPerDay }, series);

        Assert.True(calibrated.After > 1.2 * calibrated.Before, $"{calibrated.After:F3} after, {calibrated.Before:F3} before");
    }
}
