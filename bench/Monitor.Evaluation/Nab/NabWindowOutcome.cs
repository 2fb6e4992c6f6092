namespace Monitor.Evaluation.Nab;

/// <summary>
/// What a detector did in one labelled window at a threshold: the window's rows (<see cref="ScorableRows"/> of them after
/// probation), its first detection and its highest score, each with its position in the window (0 at its first row, just
/// under 1 at its last; NAB pays a detection at 0 in full and one at 0.5 about 0.86 of it).
/// </summary>
internal sealed record NabWindowOutcome(
    string RelativePath,
    DateTime Start,
    DateTime End,
    int Rows,
    int ScorableRows,
    DateTime? FirstDetection,
    double? FirstDetectionPosition,
    double MaxScore,
    double? MaxScorePosition)
{
    /// <summary>True when some scorable row of the window reached the threshold.</summary>
    public bool Detected => FirstDetection is not null;
}
