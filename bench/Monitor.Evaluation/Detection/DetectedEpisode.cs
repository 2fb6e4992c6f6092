namespace Monitor.Evaluation.Detection;

/// <summary>
/// An episode the detector opened: its kind, the onset it reports, when it was opened (the observation or clock time
/// that produced the Opened change), and its end once resolved.
/// </summary>
internal sealed record DetectedEpisode(EventKind Kind, DateTimeOffset Start, DateTimeOffset OpenedAt, DateTimeOffset? End = null)
{
    /// <summary>True when the episode, taken to run until <paramref name="seriesEnd"/> if still open, overlaps [from, to].</summary>
    public bool Overlaps(DateTimeOffset from, DateTimeOffset to, DateTimeOffset seriesEnd)
    {
        var start = Start < OpenedAt ? Start : OpenedAt;
        var end = End ?? seriesEnd;
        return start <= to && end >= from;
    }
}
