using Monitor.Evaluation.Detection;

namespace Monitor.Evaluation.Synthetic;

/// <summary>
/// How the detector did on one event kind at one sampling: labelled events found (recall), episodes that matched a
/// label of that kind (precision), and the delay from each found event's onset to the first matching episode's Opened change.
/// </summary>
internal sealed record KindScore(
    EventKind Kind,
    Sampling Sampling,
    int Labelled,
    int Found,
    int Episodes,
    int MatchingEpisodes,
    IReadOnlyList<TimeSpan> Delays)
{
    /// <summary>Found / labelled, or null when nothing of this kind was labelled.</summary>
    public double? Recall => Labelled == 0 ? null : (double)Found / Labelled;

    /// <summary>Matching episodes / episodes, or null when no episode of this kind was opened.</summary>
    public double? Precision => Episodes == 0 ? null : (double)MatchingEpisodes / Episodes;

    /// <summary>The median delay over the events found, or null when none was.</summary>
    public TimeSpan? MedianDelay
    {
        get
        {
            if (Delays.Count == 0)
            {
                return null;
            }

            var sorted = Delays.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }

    /// <summary>The longest delay over the events found, or null when none was.</summary>
    public TimeSpan? MaxDelay => Delays.Count == 0 ? null : Delays.Max();
}
