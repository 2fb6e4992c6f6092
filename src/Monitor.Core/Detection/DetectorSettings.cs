using Monitor.Core.Alerts;

namespace Monitor.Core.Detection;

/// <summary>
/// Every threshold of <see cref="AccountDetector"/>, with defaults tuned for follower counts sampled hourly to daily.
/// Override per account with <c>with</c> (e.g. <c>DetectorSettings.Default with { SpikeZ = 8 }</c>). Rates are followers per day;
/// z-scores are robust (median and 1.4826 x MAD of the trailing rates).
/// </summary>
public sealed record DetectorSettings
{
    /// <summary>The defaults.</summary>
    public static DetectorSettings Default { get; } = new();

    /// <summary>How many trailing interval rates form the baseline (median and MAD).</summary>
    public int BaselineWindow { get; init; } = 48;

    /// <summary>How many rates the baseline needs before anything is scored or detected.</summary>
    public int MinBaselinePoints { get; init; } = 14;

    /// <summary>Rates enter the baseline clamped to median ± this many scales, so an episode shifts the baseline only slowly.</summary>
    public double BaselineClampZ { get; init; } = 4;

    /// <summary>The scale never falls below this fraction of its long-run average (flat stretches would otherwise make every wiggle huge).</summary>
    public double LongRunScaleFloor { get; init; } = 0.5;

    /// <summary>A spike opens when one interval's robust z reaches this (and passes the guards).</summary>
    public double SpikeZ { get; init; } = 6;

    /// <summary>A spike still active this long after its start escalates into a surge (a spike is one interval or a few).</summary>
    public TimeSpan SpikeMaxDuration { get; init; } = TimeSpan.FromDays(3);

    /// <summary>Surges are judged on rates over at least this long (day rates), so hourly noise and daily rhythm do not accumulate.</summary>
    public TimeSpan SurgeInterval { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// On data sampled at least every two hours a surge also opens once the rate over the last day, its four largest steps
    /// trimmed (so a burst of a few hours is a spike, not a surge), reaches this robust z against the same rate on earlier
    /// days; 0 leaves surges to the day-rate CUSUM alone.
    /// </summary>
    public double EarlySurgeZ { get; init; } = 6;

    /// <summary>How many trailing day rates form the surge baseline.</summary>
    public int SurgeBaselineWindow { get; init; } = 28;

    /// <summary>How many day rates the surge baseline needs before a surge can open.</summary>
    public int MinSurgeBaselinePoints { get; init; } = 7;

    /// <summary>CUSUM allowance: z above this accumulates surge evidence, z below it drains it.</summary>
    public double SurgeAllowance { get; init; } = 1.5;

    /// <summary>Each interval adds at most this z to the CUSUM, so one huge spike cannot open a surge on its own.</summary>
    public double SurgeZCap { get; init; } = 5;

    /// <summary>A surge opens (or an open spike escalates) when the CUSUM of day-rate z reaches this and its run passes the guards.</summary>
    public double SurgeThreshold { get; init; } = 8;

    /// <summary>An open spike (interval rates), surge (day rates) or drop (interval rates) stays active while its z against the baseline frozen at onset is at least this (at most minus this for drops).</summary>
    public double ResolveZ { get; init; } = 3;

    /// <summary>A surge or drop resolves after this long without an active interval (a spike resolves at its first quiet interval).</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromDays(2);

    /// <summary>
    /// A surge or drop open at least this long whose last week of day rates is level (no trend beyond their noise) is a
    /// regime change: it resolves and the baselines restart from that week (set it to <see cref="MaxEpisodeDuration"/> or
    /// longer to turn this off). The default outlasts the events reported as one surge (a 44-day war), so a sustained
    /// event is not cut short; a rate that changed for good is relearnt in about half of <see cref="MaxEpisodeDuration"/>.
    /// </summary>
    public TimeSpan RegimeChangeAfter { get; init; } = TimeSpan.FromDays(45);

    /// <summary>A rate episode open this long is resolved and the baseline relearnt: the new rate is the new normal.</summary>
    public TimeSpan MaxEpisodeDuration { get; init; } = TimeSpan.FromDays(90);

    /// <summary>A drop opens when an interval loses followers with a robust z at or below minus this (and passes the guards).</summary>
    public double DropZ { get; init; } = 5;

    /// <summary>A drop needs a net loss of at least this fraction of the followers in one interval (0.002 = 0.2%).</summary>
    public double DropRelative { get; init; } = 0.002;

    /// <summary>Guard: an interval's change beyond the baseline must be at least this many followers per interval-day (intervals under a day count as one).</summary>
    public long MinAbsoluteChange { get; init; } = 50;

    /// <summary>Guard: an interval's change beyond the baseline must be at least this fraction of the followers per interval-day (0.001 = 0.1%).</summary>
    public double MinRelativeChange { get; init; } = 0.001;

    /// <summary>A stall opens when no data arrived for this many times the median sampling interval (but see <see cref="StallMinimum"/>).</summary>
    public double StallFactor { get; init; } = 2.5;

    /// <summary>The shortest silence that counts as a stall, whatever the sampling interval.</summary>
    public TimeSpan StallMinimum { get; init; } = TimeSpan.FromHours(6);

    /// <summary>A fixed stall threshold replacing the learnt one; null learns it from the sampling interval.</summary>
    public TimeSpan? StallAfter { get; init; }

    /// <summary>How many trailing sampling intervals the expected interval (their median) is learnt from.</summary>
    public int StallIntervalWindow { get; init; } = 15;

    /// <summary>How many intervals must be seen before a stall can be learnt (ignored when <see cref="StallAfter"/> is set).</summary>
    public int MinStallIntervals { get; init; } = 3;

    /// <summary>Severity warning from this |z| (or <see cref="WarningRelativeChange"/>).</summary>
    public double WarningZ { get; init; } = 12;

    /// <summary>Severity critical from this |z| (or <see cref="CriticalRelativeChange"/>).</summary>
    public double CriticalZ { get; init; } = 30;

    /// <summary>Severity warning from this |relative change| of followers over the episode (0.01 = 1%).</summary>
    public double WarningRelativeChange { get; init; } = 0.01;

    /// <summary>Severity critical from this |relative change| of followers over the episode (0.05 = 5%).</summary>
    public double CriticalRelativeChange { get; init; } = 0.05;

    /// <summary>The anomaly score also compares each rate with the rate this long before (daily rhythm).</summary>
    public TimeSpan SeasonalLag { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How many seasonal differences their location and scale (exponentially weighted, winsorised) average over.</summary>
    public int SeasonalHorizon { get; init; } = 600;

    /// <summary>
    /// How many points the anomaly score's long-run mean and deviation of |z| average over. 5000 was chosen by
    /// leave-one-category-out validation on NAB (docs/detection.md), not by the score on the corpus as a whole.
    /// </summary>
    public int ScoreHorizon { get; init; } = 5000;

    /// <summary>
    /// The anomaly score also judges the exponentially weighted mean of about this many recent rates (span, in points)
    /// against the baseline, so a level shift that no single rate shows still scores; 0 turns it off. Only the score
    /// uses it (alerts do not); 24 was chosen by leave-one-category-out validation on NAB (docs/detection.md).
    /// </summary>
    public int ScoreShiftSpan { get; init; } = 24;

    /// <summary>A point's anomaly score is zero unless it is more anomalous than every point in the preceding window this long.</summary>
    public TimeSpan NoveltyHorizon { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The normalised anomaly level that maps to an anomaly score of 0.5 (score = level / (level + this)).</summary>
    public double ScoreMidpoint { get; init; } = 8;

    /// <summary>
    /// Whether the anomaly score reports the standardised level (the default) or a tail probability fitted to this
    /// series' own peaks (<see cref="TailCalibrator"/>; its score is -log10 of the probability, squashed by
    /// <see cref="ScoreMidpoint"/>). Only the score uses it; alerts do not.
    /// </summary>
    public ScoreCalibration ScoreCalibration { get; init; } = ScoreCalibration.None;

    /// <summary>
    /// The standardised level above which a point is a peak the calibrated tail is fitted to (<see cref="TailCalibrator"/>).
    /// SPOT starts from the 98% quantile (about 2 for a Gaussian); 4 did better than 2 for every calibrated candidate of the
    /// leave-one-category-out validation on NAB's standard profile (docs/detection.md).
    /// </summary>
    public double ScoreTailThreshold { get; init; } = 4;

    /// <summary>
    /// Whether the anomaly score also judges each rate against its hour of the day's own history (<see cref="TimeOfDayProfile"/>),
    /// on series sampled at least hourly that show a daily rhythm, and whether that judgement then replaces the rate
    /// against the same time the day before. Only the score uses it; alerts do not. <see cref="ScoreTimeOfDay.InsteadOfLag"/>
    /// had the best mean left-out score of the leave-one-category-out validation on NAB (docs/detection.md, nab8).
    /// </summary>
    public ScoreTimeOfDay ScoreTimeOfDay { get; init; } = ScoreTimeOfDay.InsteadOfLag;

    /// <summary>True when a change beyond the baseline, in followers per day, passes both the absolute and the relative guard.</summary>
    internal bool PassesGuards(double excessPerDay, long followers) =>
        excessPerDay >= MinAbsoluteChange && excessPerDay >= MinRelativeChange * Math.Abs((double)followers);

    /// <summary>Severity from the most extreme |z| and |relative change|: critical, warning or info by the thresholds above.</summary>
    public Severity SeverityFor(double z, double relativeChange)
    {
        var absZ = Math.Abs(z);
        var absChange = Math.Abs(relativeChange);
        return absZ >= CriticalZ || absChange >= CriticalRelativeChange ? Severity.Critical
            : absZ >= WarningZ || absChange >= WarningRelativeChange ? Severity.Warning
            : Severity.Info;
    }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range; returns this otherwise.</summary>
    public DetectorSettings Validate()
    {
        Require(BaselineWindow is >= 3 and <= 4096, nameof(BaselineWindow), BaselineWindow, "between 3 and 4096");
        Require(MinBaselinePoints >= 2 && MinBaselinePoints <= BaselineWindow, nameof(MinBaselinePoints), MinBaselinePoints, $"between 2 and BaselineWindow ({BaselineWindow})");
        Require(BaselineClampZ > 0 && double.IsFinite(BaselineClampZ), nameof(BaselineClampZ), BaselineClampZ, "positive");
        Require(LongRunScaleFloor is >= 0 and <= 1, nameof(LongRunScaleFloor), LongRunScaleFloor, "between 0 and 1");
        Require(SpikeZ > 0 && double.IsFinite(SpikeZ), nameof(SpikeZ), SpikeZ, "positive");
        Require(SurgeInterval > TimeSpan.Zero, nameof(SurgeInterval), SurgeInterval, "positive");
        Require(SurgeBaselineWindow is >= 3 and <= 4096, nameof(SurgeBaselineWindow), SurgeBaselineWindow, "between 3 and 4096");
        Require(MinSurgeBaselinePoints >= 2 && MinSurgeBaselinePoints <= SurgeBaselineWindow, nameof(MinSurgeBaselinePoints), MinSurgeBaselinePoints, $"between 2 and SurgeBaselineWindow ({SurgeBaselineWindow})");
        Require(SurgeAllowance >= 0 && double.IsFinite(SurgeAllowance), nameof(SurgeAllowance), SurgeAllowance, "zero or more");
        Require(SurgeZCap > SurgeAllowance && double.IsFinite(SurgeZCap), nameof(SurgeZCap), SurgeZCap, $"above SurgeAllowance ({SurgeAllowance})");
        Require(EarlySurgeZ >= 0 && double.IsFinite(EarlySurgeZ), nameof(EarlySurgeZ), EarlySurgeZ, "zero or more");
        Require(SurgeThreshold > 0 && double.IsFinite(SurgeThreshold), nameof(SurgeThreshold), SurgeThreshold, "positive");
        Require(ResolveZ > 0 && double.IsFinite(ResolveZ), nameof(ResolveZ), ResolveZ, "positive");
        Require(QuietPeriod > TimeSpan.Zero, nameof(QuietPeriod), QuietPeriod, "positive");
        Require(SpikeMaxDuration > TimeSpan.Zero, nameof(SpikeMaxDuration), SpikeMaxDuration, "positive");
        Require(MaxEpisodeDuration > QuietPeriod, nameof(MaxEpisodeDuration), MaxEpisodeDuration, $"longer than QuietPeriod ({QuietPeriod})");
        Require(RegimeChangeAfter > TimeSpan.Zero, nameof(RegimeChangeAfter), RegimeChangeAfter, "positive");
        Require(DropZ > 0 && double.IsFinite(DropZ), nameof(DropZ), DropZ, "positive");
        Require(DropRelative is >= 0 and < 1, nameof(DropRelative), DropRelative, "between 0 and 1");
        Require(MinAbsoluteChange >= 0, nameof(MinAbsoluteChange), MinAbsoluteChange, "zero or more");
        Require(MinRelativeChange is >= 0 and < 1, nameof(MinRelativeChange), MinRelativeChange, "between 0 and 1");
        Require(StallFactor >= 1 && double.IsFinite(StallFactor), nameof(StallFactor), StallFactor, "at least 1");
        Require(StallMinimum > TimeSpan.Zero, nameof(StallMinimum), StallMinimum, "positive");
        Require(StallAfter is null || StallAfter > TimeSpan.Zero, nameof(StallAfter), StallAfter, "positive or null");
        Require(StallIntervalWindow is >= 1 and <= 1024, nameof(StallIntervalWindow), StallIntervalWindow, "between 1 and 1024");
        Require(MinStallIntervals >= 1 && MinStallIntervals <= StallIntervalWindow, nameof(MinStallIntervals), MinStallIntervals, $"between 1 and StallIntervalWindow ({StallIntervalWindow})");
        Require(WarningZ > 0 && WarningZ <= CriticalZ, nameof(WarningZ), WarningZ, $"positive and at most CriticalZ ({CriticalZ})");
        Require(WarningRelativeChange > 0 && WarningRelativeChange <= CriticalRelativeChange, nameof(WarningRelativeChange), WarningRelativeChange, $"positive and at most CriticalRelativeChange ({CriticalRelativeChange})");
        Require(SeasonalLag > TimeSpan.Zero, nameof(SeasonalLag), SeasonalLag, "positive");
        Require(SeasonalHorizon >= 2, nameof(SeasonalHorizon), SeasonalHorizon, "at least 2");
        Require(ScoreHorizon >= 10, nameof(ScoreHorizon), ScoreHorizon, "at least 10");
        Require(ScoreShiftSpan is >= 0 and <= 100_000, nameof(ScoreShiftSpan), ScoreShiftSpan, "between 0 and 100000");
        Require(NoveltyHorizon >= TimeSpan.Zero, nameof(NoveltyHorizon), NoveltyHorizon, "zero or more");
        Require(Enum.IsDefined(ScoreCalibration), nameof(ScoreCalibration), ScoreCalibration, "a defined calibration");
        Require(Enum.IsDefined(ScoreTimeOfDay), nameof(ScoreTimeOfDay), ScoreTimeOfDay, "a defined time-of-day mode");
        Require(ScoreTailThreshold > 0 && double.IsFinite(ScoreTailThreshold), nameof(ScoreTailThreshold), ScoreTailThreshold, "positive");
        Require(ScoreMidpoint > 0 && double.IsFinite(ScoreMidpoint), nameof(ScoreMidpoint), ScoreMidpoint, "positive");
        return this;
    }

    private static void Require(bool valid, string name, object? value, string rule)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be {rule}.");
        }
    }
}
