namespace Monitor.Evaluation.Synthetic;

/// <summary>One detector's result on the synthetic suite: per kind and sampling, on the quiet scenarios, and every series' episodes.</summary>
internal sealed record SyntheticReport(
    string Detector,
    IReadOnlyList<KindScore> Kinds,
    IReadOnlyList<QuietScore> Quiet,
    IReadOnlyList<SeriesOutcome> Outcomes);
