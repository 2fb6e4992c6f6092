namespace Monitor.Core.Detection;

/// <summary>
/// A rate judged against the trailing baseline: its median and robust scale (followers per day) and the rate's robust z.
/// Not <see cref="Warm"/> while the baseline has fewer than <see cref="DetectorSettings.MinBaselinePoints"/> rates.
/// </summary>
internal readonly record struct RateJudgement(bool Warm, double Median, double Scale, double Z);
