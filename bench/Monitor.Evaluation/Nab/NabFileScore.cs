namespace Monitor.Evaluation.Nab;

/// <summary>One file's NAB score at a threshold, with the windows detected and missed and the false-positive rows.</summary>
internal sealed record NabFileScore(string RelativePath, double Score, int DetectedWindows, int MissedWindows, int FalsePositiveRows);
