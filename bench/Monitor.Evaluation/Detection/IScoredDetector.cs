namespace Monitor.Evaluation.Detection;

/// <summary>
/// What the evaluator needs from a detector: an anomaly score per observation, a stall check on a clock, and the
/// episodes it opened. Adapts Monitor.Core's AccountDetector and the evaluator's own prototypes alike.
/// </summary>
internal interface IScoredDetector
{
    /// <summary>Feeds one observation (in time order) and returns its anomaly score in [0, 1].</summary>
    double Observe(DateTimeOffset timestamp, long followers);

    /// <summary>Lets the detector notice missing data as of <paramref name="now"/>.</summary>
    void CheckStall(DateTimeOffset now);

    /// <summary>Every episode opened so far, in opening order, with its end once resolved.</summary>
    IReadOnlyList<DetectedEpisode> Episodes { get; }
}
