namespace Monitor.Evaluation.Nab;

/// <summary>
/// A scorable row outside every window whose score reached the threshold: what it costs under the profile, and how far it
/// lies after the preceding window in window widths as NAB measures it (null before the first window; NAB charges a row
/// just after a window little and one three widths or more after it in full).
/// </summary>
internal sealed record NabFalsePositive(string RelativePath, DateTime Timestamp, double Value, double AnomalyScore, double? WidthsAfterWindow, double Cost);
