using Monitor.Abstractions.Accounts;
using Monitor.Core.Detection;

namespace Monitor.Grains.Accounts;

/// <summary>An account profile's detector overrides as <see cref="DetectorSettings"/>, and their validation.</summary>
internal static class DetectorSettingsMapping
{
    // Immutable, and what nearly every account runs with: one instance for all of them instead of one each.
    private static readonly DetectorSettings DefaultSettings = new();

    /// <summary>Throws when an override is out of range, naming it.</summary>
    public static void ValidateOverrides(DetectorOverrides? overrides) => ToSettings(overrides).Validate();

    public static DetectorSettings ToSettings(DetectorOverrides? overrides)
    {
        var settings = DefaultSettings;
        if (overrides is null)
        {
            return settings;
        }

        return settings with
        {
            SpikeZ = overrides.SpikeZ ?? settings.SpikeZ,
            SurgeThreshold = overrides.SurgeThreshold ?? settings.SurgeThreshold,
            DropRelative = overrides.DropRelative ?? settings.DropRelative,
            MinAbsoluteChange = overrides.MinAbsoluteChange ?? settings.MinAbsoluteChange,
            MinRelativeChange = overrides.MinRelativeChange ?? settings.MinRelativeChange,
            StallAfter = overrides.StallAfter ?? settings.StallAfter,
        };
    }
}
