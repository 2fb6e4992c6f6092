namespace Monitor.Evaluation.Synthetic;

/// <summary>One detector's result on the synthetic suite: per kind and sampling, on the quiet scenarios, every series' episodes, and per scenario.</summary>
internal sealed record SyntheticReport(
    string Detector,
    IReadOnlyList<KindScore> Kinds,
    IReadOnlyList<QuietScore> Quiet,
    IReadOnlyList<SeriesOutcome> Outcomes,
    IReadOnlyList<ScenarioScore> Scenarios);
