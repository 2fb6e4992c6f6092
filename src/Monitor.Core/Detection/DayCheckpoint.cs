namespace Monitor.Core.Detection;

/// <summary>What an observation did at the surge detector's once-a-day checkpoint.</summary>
internal enum DayCheckpoint
{
    /// <summary>No checkpoint: less than a day since the last.</summary>
    None,

    /// <summary>A day rate was taken (<see cref="SurgeDetector.LastDayRate"/>).</summary>
    Passed,

    /// <summary>A day rate was taken and a surge outlived <see cref="DetectorSettings.MaxEpisodeDuration"/>: every baseline restarts.</summary>
    Relearn,
}
