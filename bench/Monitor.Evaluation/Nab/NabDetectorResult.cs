namespace Monitor.Evaluation.Nab;

/// <summary>One detector's NAB scores, one per profile, keyed by profile name.</summary>
internal sealed record NabDetectorResult(string Detector, IReadOnlyDictionary<string, NabCorpusScore> ByProfile);
