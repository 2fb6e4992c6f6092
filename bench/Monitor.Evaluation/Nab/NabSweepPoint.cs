namespace Monitor.Evaluation.Nab;

/// <summary>
/// One scorable row (after probation): its anomaly score, NAB's scaled sigmoid of its position, and the index of the
/// window it lies in within its file (-1 when outside every window).
/// </summary>
internal readonly record struct NabSweepPoint(double AnomalyScore, double Sigmoid, int Window)
{
    /// <summary>What a detection at this row adds under <paramref name="profile"/> (inside a window, before keeping only the earliest).</summary>
    public double Weight(NabProfile profile) =>
        Window >= 0
            ? Sigmoid * profile.TruePositiveWeight / NabScorer.MaxTruePositiveSigmoid
            : Sigmoid * profile.FalsePositiveWeight;
}
