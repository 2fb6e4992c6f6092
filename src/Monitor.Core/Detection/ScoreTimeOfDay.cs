namespace Monitor.Core.Detection;

/// <summary>Whether the anomaly score also judges a rate against its hour of the day's own history (<see cref="TimeOfDayProfile"/>).</summary>
public enum ScoreTimeOfDay
{
    /// <summary>No time-of-day term.</summary>
    Off = 0,

    /// <summary>The time-of-day term beside the rate against the same time the day before (the larger counts).</summary>
    BesideLag = 1,

    /// <summary>The time-of-day term in place of the same-time-yesterday term whenever the profile shows a daily rhythm.</summary>
    InsteadOfLag = 2,
}
