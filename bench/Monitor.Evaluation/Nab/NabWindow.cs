namespace Monitor.Evaluation.Nab;

/// <summary>A labelled anomaly window of a NAB file; both ends are inclusive row timestamps.</summary>
internal sealed record NabWindow(DateTime Start, DateTime End)
{
    /// <summary>True when <paramref name="timestamp"/> lies inside the window, ends included.</summary>
    public bool Contains(DateTime timestamp) => timestamp >= Start && timestamp <= End;
}
