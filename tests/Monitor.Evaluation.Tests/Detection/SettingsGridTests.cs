using Monitor.Core.Detection;
using Monitor.Evaluation.Detection;
using Xunit;

namespace Monitor.Evaluation.Tests.Detection;

public sealed class SettingsGridTests
{
    [Fact]
    public void Every_candidate_has_its_own_name()
    {
        var names = SettingsGrid.Candidates().Select(candidate => candidate.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_defaults_are_a_candidate()
    {
        var names = SettingsGrid.Candidates().Select(candidate => candidate.Name);

        Assert.Contains(SettingsGrid.Name(DetectorSettings.Default), names);
    }

    [Fact]
    public void A_calibrated_candidate_is_named_by_its_calibration_and_threshold()
    {
        var settings = DetectorSettings.Default with { ScoreCalibration = ScoreCalibration.TailPerDay, ScoreTailThreshold = 4, ScoreTimeOfDay = ScoreTimeOfDay.Off };

        Assert.EndsWith(", TailPerDay over 4", SettingsGrid.Name(settings), StringComparison.Ordinal);
        Assert.DoesNotContain("Tail", SettingsGrid.Name(DetectorSettings.Default), StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_of_day_candidate_is_named_by_its_mode_and_the_earlier_candidates_keep_it_off()
    {
        var names = SettingsGrid.Candidates().Select(candidate => candidate.Name).ToList();

        Assert.EndsWith(", time of day InsteadOfLag", SettingsGrid.Name(DetectorSettings.Default), StringComparison.Ordinal);
        Assert.DoesNotContain("time of day", SettingsGrid.Name(DetectorSettings.Default with { ScoreTimeOfDay = ScoreTimeOfDay.Off }), StringComparison.Ordinal);
        Assert.Equal(30, names.Count(name => !name.Contains("time of day", StringComparison.Ordinal)));
        Assert.Equal(6, names.Count(name => name.Contains("time of day", StringComparison.Ordinal)));
    }
}
