using Monitor.Evaluation.Detection;

namespace Monitor.Evaluation.Synthetic;

/// <summary>An event the generator put into a series: its kind and the time span it covers, ends included.</summary>
internal sealed record LabelledEvent(EventKind Kind, DateTimeOffset Start, DateTimeOffset End);
