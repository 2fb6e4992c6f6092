using System.Text;

namespace Monitor.Reports;

/// <summary>The second page: rankings by followers gained and by growth as a percentage.</summary>
public sealed class GrowthSection : IReportSection
{
    public string Id => "growth";

    public bool StartsPage => true;

    public int ExtraPages(GroupReport report) => 0;

    public void Write(GroupReport report, StringBuilder html)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(html);
        html.Append("<h2>Ranking by followers gained</h2>");
        RankingTable.Write(html, GroupReport.ByGrowth, report.Ranking(GroupReport.ByGrowth).Rows);
        html.Append("<h2>Ranking by growth (%)</h2>");
        RankingTable.Write(html, GroupReport.ByGrowthShare, report.Ranking(GroupReport.ByGrowthShare).Rows);
        if (report.Alerts.Count == 0 && report.Incidents.Count == 0)
        {
            html.Append("<h2>Alerts and incidents</h2><p class=\"none\">No alert or incident overlaps this period.</p>");
        }
    }
}
