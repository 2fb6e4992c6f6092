namespace Monitor.Evaluation.Detection;

/// <summary>The knobs of the evaluator's prototype scorer, <see cref="TrailingRateScorer"/>.</summary>
internal sealed class TrailingRateOptions
{
    /// <summary>How many trailing rates form the baseline (median and MAD).</summary>
    public int Window { get; set; } = 100;

    /// <summary>How many rates the baseline needs before any score above zero.</summary>
    public int MinimumHistory { get; set; } = 12;

    /// <summary>Floor of the spread as a fraction of the baseline median, so a flat history does not make every wiggle infinite.</summary>
    public double RelativeSpreadFloor { get; set; } = 1e-3;

    /// <summary>Floor of the spread in followers per interval (one follower: a counter cannot resolve less).</summary>
    public double AbsoluteSpreadFloor { get; set; } = 1;

    /// <summary>Also score the mean of the last this-many rates against the baseline (spread shrunk by its square root); the larger z wins.</summary>
    public int ShortAverage { get; set; } = 1;

    /// <summary>The z at which the score is one half (score = z / (z + HalfScoreZ)).</summary>
    public double HalfScoreZ { get; set; } = 5;

    /// <summary>After a point, how many following points only score if they exceed it (0 turns this off): one alarm per event.</summary>
    public int SuppressionPoints { get; set; }

    /// <summary>True to leave points scored as anomalous out of the baseline, so an event does not become normal while it lasts.</summary>
    public bool ExcludeAnomaliesFromBaseline { get; set; }

    /// <summary>The z above which a point counts as anomalous for <see cref="ExcludeAnomaliesFromBaseline"/>.</summary>
    public double AnomalyZ { get; set; } = 6;
}
