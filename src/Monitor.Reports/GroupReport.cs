namespace Monitor.Reports;

/// <summary>
/// A report of a group or an entity list (<see cref="Subject"/>) for a period: the members' figures, rankings by followers
/// and by growth (absolute and relative), the top movers, the entity comparison, every alert and incident overlapping the
/// period with its chart, and the data sources.
/// </summary>
public sealed record GroupReport(
    ReportSubject Subject,
    ReportPeriod Period,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ReportMemberRow> Members,
    IReadOnlyList<ReportRanking> Rankings,
    IReadOnlyList<ReportMemberRow> TopMovers,
    IReadOnlyList<ReportAlertItem> Alerts,
    IReadOnlyList<ReportIncidentItem> Incidents,
    ReportSources Sources,
    EntityComparison Entities)
{
    /// <summary>Id of the ranking by followers at the period's end.</summary>
    public const string ByFollowers = "followers";

    /// <summary>Id of the ranking by followers gained over the period.</summary>
    public const string ByGrowth = "growth";

    /// <summary>Id of the ranking by followers gained as a share of those at the start.</summary>
    public const string ByGrowthShare = "growthPercent";

    /// <summary>The ranking <paramref name="id"/>.</summary>
    public ReportRanking Ranking(string id) => Rankings.Single(ranking => ranking.Id == id);
}
