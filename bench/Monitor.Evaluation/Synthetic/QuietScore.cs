namespace Monitor.Evaluation.Synthetic;

/// <summary>Alerts raised on a quiet scenario (no labelled events, so every one is a false positive).</summary>
internal sealed record QuietScore(string Scenario, Sampling Sampling, int Series, int Episodes, int SeriesWithEpisodes);
