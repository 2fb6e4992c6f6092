namespace Monitor.Reports;

/// <summary>The sections of a group report, in order.</summary>
public static class ReportSections
{
    /// <summary>
    /// Summary and ranking by followers (first page), growth rankings, the entity comparison (its own page, when an entity
    /// owns a member), then one page per incident and per alert.
    /// </summary>
    public static IReadOnlyList<IReportSection> Default { get; } =
    [
        new SummarySection(),
        new GrowthSection(),
        new EntityComparisonSection(),
        new EpisodesSection(),
    ];

    /// <summary>The pages a print of <paramref name="report"/> has when every section fits its pages (groups up to about 25 members).</summary>
    public static int ExpectedPages(GroupReport report, IReadOnlyList<IReportSection>? sections = null) =>
        (sections ?? Default).Where(section => section.IsShown(report)).Sum(section => (section.StartsPage ? 1 : 0) + section.ExtraPages(report));
}
