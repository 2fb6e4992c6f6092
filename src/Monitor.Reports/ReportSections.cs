namespace Monitor.Reports;

/// <summary>The sections of a group report, in order.</summary>
public static class ReportSections
{
    /// <summary>
    /// Summary and ranking by followers (first page), growth rankings, then one page per incident and per alert.
    /// The entity comparison (issue 19, item 2) plugs in here as its own section once entities exist.
    /// </summary>
    public static IReadOnlyList<IReportSection> Default { get; } =
    [
        new SummarySection(),
        new GrowthSection(),
        new EpisodesSection(),
    ];

    /// <summary>The pages a print of <paramref name="report"/> has when every section fits its pages (groups up to about 25 members).</summary>
    public static int ExpectedPages(GroupReport report, IReadOnlyList<IReportSection>? sections = null) =>
        (sections ?? Default).Sum(section => (section.StartsPage ? 1 : 0) + section.ExtraPages(report));
}
