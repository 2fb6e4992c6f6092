namespace Monitor.Evaluation.Synthetic;

/// <summary>
/// How the detector did on one scenario at one sampling, over every kind: labelled events found, episodes that matched a
/// label of their kind, and episodes still open when the series ends (a regime change should not stay open for months).
/// </summary>
internal sealed record ScenarioScore(string Scenario, Sampling Sampling, int Labelled, int Found, int Episodes, int MatchingEpisodes, int OpenAtEnd)
{
    /// <summary>Found / labelled, or null when nothing was labelled.</summary>
    public double? Recall => Labelled == 0 ? null : (double)Found / Labelled;

    /// <summary>Matching episodes / episodes, or null when no episode was opened.</summary>
    public double? Precision => Episodes == 0 ? null : (double)MatchingEpisodes / Episodes;
}
