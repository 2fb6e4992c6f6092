namespace Monitor.Evaluation.Nab;

/// <summary>A published detector's normalised figure per profile, recomputed from its per-file table (null when the table misses files).</summary>
internal sealed record PublishedDetectorScore(string Detector, IReadOnlyDictionary<string, double?> ByProfile);
