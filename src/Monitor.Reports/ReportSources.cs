namespace Monitor.Reports;

/// <summary>
/// Where the report's figures come from: the platforms, how many members a collector polls and how many are fed by
/// imports or the API, and how many have a synthetic (generated, not observed) history.
/// </summary>
public sealed record ReportSources(IReadOnlyList<string> Platforms, int CollectedAccounts, int ImportedAccounts, int SyntheticAccounts)
{
    /// <summary>Counts polled from the platform's API by Monitor's collectors.</summary>
    public const string Collector = "collector";

    /// <summary>Counts imported from CSV or posted to the API (no collector polled the account).</summary>
    public const string Imported = "imported";

    /// <summary>Whether any member's history is synthetic.</summary>
    public bool AnySynthetic => SyntheticAccounts > 0;
}
