using Monitor.Core.Detection;
using Monitor.Core.Tests.Builders;
using Xunit;

namespace Monitor.Core.Tests.Detection;

/// <summary>The anomaly score's time-of-day profile (<see cref="DetectorSettings.ScoreTimeOfDay"/>, <see cref="TimeOfDayProfile"/>).</summary>
public sealed class TimeOfDayScoreTests
{
    private static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DetectorSettings Off = DetectorSettings.Default with { ScoreTimeOfDay = ScoreTimeOfDay.Off };

    private static FollowerSeriesBuilder Growing(double dailyAmplitude, TimeSpan interval) => new FollowerSeriesBuilder()
        .StartingAt(Start, 400_000).GrowingPerDay(2_400).WithDailyRhythm(dailyAmplitude).WithSeed(7)
        .SampledEvery(interval);

    private static int ScoresThatDiffer(IReadOnlyList<(DateTimeOffset Timestamp, long Followers)> series)
    {
        var withProfile = DetectorRun.Of(new AccountDetector(DetectorSettings.Default), series).Scores;
        var without = DetectorRun.Of(new AccountDetector(Off), series).Scores;
        return withProfile.Zip(without).Count(pair => pair.First != pair.Second);
    }

    [Fact]
    public void An_hour_ordinary_for_the_afternoon_stands_out_at_night_only_with_the_profile()
    {
        // The rhythm peaks mid-afternoon UTC; at 03:30 the night's quietest hour gains 60 more, half an average hour's gain:
        // within the trailing baseline (two days of rhythm) and small beside the changes from one day to the next, but far
        // outside what that hour has done on the last four weeks.
        var jumpAt = Start.AddDays(45).AddHours(3).AddMinutes(30);
        var series = Growing(0.9, TimeSpan.FromHours(1)).WithJump(jumpAt, 60).Build(Start.AddDays(50));
        var jump = series.ToList().FindIndex(point => point.Timestamp > jumpAt);

        (double AtJump, double Before) Scores(DetectorSettings settings)
        {
            var scores = DetectorRun.Of(new AccountDetector(settings), series).Scores;
            return (scores.Skip(jump - 1).Take(3).Max(), scores.Skip(jump - (24 * 10)).Take((24 * 10) - 2).Max());
        }

        var withProfile = Scores(DetectorSettings.Default);
        var without = Scores(Off);

        Assert.True(withProfile.AtJump > 1.2 * withProfile.Before, $"with the profile: {withProfile.AtJump:F3} at the jump, {withProfile.Before:F3} before");
        Assert.True(without.AtJump < without.Before, $"without it: {without.AtJump:F3} at the jump, {without.Before:F3} before");
    }

    [Fact]
    public void The_profile_is_used_on_a_daily_rhythm_and_hardly_without_one()
    {
        var rhythmic = Growing(0.9, TimeSpan.FromHours(1)).Build(Start.AddDays(60));
        var flat = Growing(0, TimeSpan.FromHours(1)).Build(Start.AddDays(60));

        // Most scores are zero either way (only a point more anomalous than the day before scores), so count the others.
        var onRhythm = ScoresThatDiffer(rhythmic);
        var onFlat = ScoresThatDiffer(flat);

        Assert.True(onRhythm >= 24, $"{onRhythm} of {rhythmic.Count} scores differ with a rhythm");
        Assert.True(onFlat * 4 < onRhythm, $"{onFlat} of {flat.Count} scores differ without one, {onRhythm} with");
    }

    [Fact]
    public void Sampled_more_sparsely_than_hourly_the_profile_changes_no_score()
    {
        var series = Growing(0.9, TimeSpan.FromHours(2)).Build(Start.AddDays(60));

        Assert.Equal(0, ScoresThatDiffer(series));
    }

    [Fact]
    public void The_profile_changes_the_score_and_no_episode()
    {
        var series = EventfulSeries.Build(Start);

        var withProfile = DetectorRun.Of(new AccountDetector(DetectorSettings.Default), series, TimeSpan.FromHours(1));
        var without = DetectorRun.Of(new AccountDetector(Off), series, TimeSpan.FromHours(1));

        Assert.True(withProfile.Changes.Count >= 8, withProfile.Describe());
        Assert.Equal(without.Describe(), withProfile.Describe());
        Assert.NotEqual(without.Scores, withProfile.Scores);
    }
}
