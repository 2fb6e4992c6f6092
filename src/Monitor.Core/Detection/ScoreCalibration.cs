namespace Monitor.Core.Detection;

/// <summary>How the anomaly score turns a point's anomaly level into the number it reports.</summary>
public enum ScoreCalibration
{
    /// <summary>The standardised level itself (its long-run mean and deviation removed), squashed.</summary>
    None = 0,

    /// <summary>The level's tail probability per point under a generalized Pareto tail fitted to this series' own peaks.</summary>
    TailPerPoint = 1,

    /// <summary>The same tail probability as an expected number of such points per day at the series' typical sampling
    /// interval (a return period: how many days one waits for a level this high), so an hourly and a five-minute
    /// series that alarm at the same score alarm equally often.</summary>
    TailPerDay = 2,
}
