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
        var settings = DetectorSettings.Default with { ScoreCalibration = ScoreCalibration.TailPerDay, ScoreTailThreshold = 4 };

        Assert.EndsWith(", TailPerDay over 4", SettingsGrid.Name(settings), StringComparison.Ordinal);
        Assert.DoesNotContain("Tail", SettingsGrid.Name(DetectorSettings.Default), StringComparison.Ordinal);
    }
}
