using Monitor.Evaluation.Detection;

namespace Monitor.Evaluation.Synthetic;

/// <summary>
/// An event the generator put into a series: its kind, the labelled span an episode must overlap (ends included),
/// and its onset, from which detection delay is measured (a spike's burst starts inside its labelled day).
/// </summary>
internal sealed record LabelledEvent(EventKind Kind, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset Onset);
