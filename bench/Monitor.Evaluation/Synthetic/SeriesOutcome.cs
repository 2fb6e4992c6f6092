using Monitor.Evaluation.Detection;

namespace Monitor.Evaluation.Synthetic;

/// <summary>The episodes a detector opened on one series.</summary>
internal sealed record SeriesOutcome(FollowerSeries Series, IReadOnlyList<DetectedEpisode> Episodes);
