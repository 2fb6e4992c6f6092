namespace Monitor.Evaluation.Detection;

/// <summary>The knobs of the evaluator's prototype scorer, <see cref="TrailingRateScorer"/>.</summary>
internal sealed class TrailingRateOptions
{
    /// <summary>How many trailing rates form the baseline (median and MAD).</summary>
    public int Window { get; set; } = 600;

    /// <summary>How many rates the baseline needs before any score above zero.</summary>
    public int MinimumHistory { get; set; } = 12;

    /// <summary>Floor of the spread as a fraction of the baseline median, so a flat history does not make every wiggle extreme.</summary>
    public double RelativeSpreadFloor { get; set; } = 1e-3;

    /// <summary>Floor of the spread in followers per interval (one: a counter cannot resolve less).</summary>
    public double AbsoluteSpreadFloor { get; set; } = 1;

    /// <summary>The z at which the score is one half (score = z / (z + HalfScoreZ)).</summary>
    public double HalfScoreZ { get; set; } = 5;

    /// <summary>After a point, how many following points score only if they exceed it (0 turns this off): one alarm per event.</summary>
    public int SuppressionPoints { get; set; } = 300;

    /// <summary>Days of history for a time-of-day baseline (0 turns it off): a rate first loses the median rate at the same time of day (+-30 min) over those days.</summary>
    public int SeasonalDays { get; set; }
}
