namespace Monitor.Evaluation.Nab;

/// <summary>
/// A detector's NAB result for one profile at the corpus-wide threshold that maximises the raw score, normalised as
/// 100 x (raw - null) / (perfect - null).
/// </summary>
internal sealed record NabCorpusScore(
    string Profile,
    double Threshold,
    double RawScore,
    double NullScore,
    double PerfectScore,
    IReadOnlyList<NabFileScore> Files)
{
    /// <summary>The normalised score: 0 for a detector that never fires, 100 for one that detects every window at its start.</summary>
    public double NormalisedScore => NabScorer.Normalise(RawScore, NullScore, PerfectScore);
}
