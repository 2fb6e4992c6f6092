namespace Monitor.Evaluation.Synthetic;

/// <summary>One detector's result on the synthetic suite: per kind and sampling, and on the quiet scenarios.</summary>
internal sealed record SyntheticReport(string Detector, IReadOnlyList<KindScore> Kinds, IReadOnlyList<QuietScore> Quiet);
