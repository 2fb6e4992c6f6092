using System.Globalization;
using System.Text;

namespace Monitor.Reports;

/// <summary>The first page: data sources, the synthetic-data notice, the ranking by followers and the top movers.</summary>
public sealed class SummarySection : IReportSection
{
    public string Id => "summary";

    public bool StartsPage => true;

    public int ExtraPages(GroupReport report) => 0;

    public void Write(GroupReport report, StringBuilder html)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(html);
        var sources = report.Sources;
        if (sources.AnySynthetic)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<p class=\"synthetic-notice\" data-synthetic=\"{sources.SyntheticAccounts}\"><strong>Synthetic data.</strong> {sources.SyntheticAccounts} of {report.Members.Count} accounts have a generated history (Monitor's demo), not observed counts: their figures, alerts and incidents illustrate the product and must not be cited.</p>");
        }

        html.Append("<h2>Data sources</h2><p class=\"sources\">")
            .Append(CultureInfo.InvariantCulture, $"Platforms: {ReportFormat.Html(sources.Platforms.Count == 0 ? "none" : string.Join(", ", sources.Platforms))}. ")
            .Append(CultureInfo.InvariantCulture, $"{sources.CollectedAccounts} accounts polled by Monitor's collectors from the platforms' APIs; ")
            .Append(CultureInfo.InvariantCulture, $"{sources.ImportedAccounts} fed by imports (CSV) or the API. ")
            .Append("Followers are daily figures (the last count of each UTC day); growth is measured from the count at the end of the day before the period to the last count within it.</p>");

        html.Append("<h2>Ranking by followers</h2>");
        RankingTable.Write(html, GroupReport.ByFollowers, report.Ranking(GroupReport.ByFollowers).Rows);

        html.Append(CultureInfo.InvariantCulture, $"<h2>Top movers</h2><p class=\"hint\">The {GroupReportBuilder.TopMoverCount} largest changes over the period relative to their followers at its start, either way.</p>");
        RankingTable.Write(html, "movers", report.TopMovers);
    }
}
