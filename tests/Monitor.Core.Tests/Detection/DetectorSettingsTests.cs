using Monitor.Core.Alerts;
using Monitor.Core.Detection;
using Xunit;

namespace Monitor.Core.Tests.Detection;

public sealed class DetectorSettingsTests
{
    public static TheoryData<DetectorSettings, string, object?> InvalidSettings => new()
    {
        { DetectorSettings.Default with { SpikeZ = 0 }, nameof(DetectorSettings.SpikeZ), 0.0 },
        { DetectorSettings.Default with { SpikeZ = double.NaN }, nameof(DetectorSettings.SpikeZ), double.NaN },
        { DetectorSettings.Default with { BaselineWindow = 2 }, nameof(DetectorSettings.BaselineWindow), 2 },
        { DetectorSettings.Default with { MinBaselinePoints = 100 }, nameof(DetectorSettings.MinBaselinePoints), 100 },
        { DetectorSettings.Default with { MinAbsoluteChange = -1 }, nameof(DetectorSettings.MinAbsoluteChange), -1L },
        { DetectorSettings.Default with { MinRelativeChange = 1.5 }, nameof(DetectorSettings.MinRelativeChange), 1.5 },
        { DetectorSettings.Default with { DropRelative = -0.1 }, nameof(DetectorSettings.DropRelative), -0.1 },
        { DetectorSettings.Default with { StallAfter = TimeSpan.Zero }, nameof(DetectorSettings.StallAfter), TimeSpan.Zero },
        { DetectorSettings.Default with { QuietPeriod = TimeSpan.FromDays(-1) }, nameof(DetectorSettings.QuietPeriod), TimeSpan.FromDays(-1) },
        { DetectorSettings.Default with { SurgeZCap = 1 }, nameof(DetectorSettings.SurgeZCap), 1.0 },
        { DetectorSettings.Default with { WarningZ = 50 }, nameof(DetectorSettings.WarningZ), 50.0 },
        { DetectorSettings.Default with { ScoreShiftSpan = -1 }, nameof(DetectorSettings.ScoreShiftSpan), -1 },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Validate_names_the_setting_and_its_value(DetectorSettings settings, string name, object? value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(settings.Validate);

        Assert.Equal(name, error.ParamName);
        Assert.Equal(value, error.ActualValue);
        Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => new AccountDetector(settings)).ParamName);
    }

    [Fact]
    public void The_defaults_are_valid_and_overridable_per_account()
    {
        var strict = DetectorSettings.Default with { SpikeZ = 9, StallAfter = TimeSpan.FromHours(2) };

        Assert.Same(strict, strict.Validate());
        Assert.Equal(9, new AccountDetector(strict).Settings.SpikeZ);
        Assert.Equal(6, DetectorSettings.Default.SpikeZ);
    }

    [Theory]
    [InlineData(8, 0.001, Severity.Info)]
    [InlineData(12, 0.001, Severity.Warning)]
    [InlineData(-15, 0, Severity.Warning)]
    [InlineData(8, 0.02, Severity.Warning)]
    [InlineData(30, 0, Severity.Critical)]
    [InlineData(7, -0.05, Severity.Critical)]
    public void Severity_comes_from_z_or_relative_change(double z, double relative, Severity expected)
    {
        Assert.Equal(expected, DetectorSettings.Default.SeverityFor(z, relative));
    }
}
