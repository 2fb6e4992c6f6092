using System.Globalization;
using System.Text;

namespace Monitor.Reports;

/// <summary>
/// The entity comparison (its own page): each entity's accounts added up, ranked by combined followers at the period's end,
/// with each platform's share, the combined change and growth and the place by growth; the overlap caveat above it.
/// </summary>
public sealed class EntityComparisonSection : IReportSection
{
    public string Id => "entities";

    public bool StartsPage => true;

    public bool IsShown(GroupReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Entities.HasEntities;
    }

    public int ExtraPages(GroupReport report) => 0;

    public void Write(GroupReport report, StringBuilder html)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(html);
        html.Append("<h2>Entity comparison</h2>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"hint reach-note\">Each entity counts all its accounts, in the report or not; an account of no entity stands alone. {ReportFormat.Html(report.Entities.ReachNote)}</p>")
            .Append("<table class=\"ranking\" data-ranking=\"entities\"><thead><tr><th>#</th><th>Entity</th><th>Platforms (share of reach)</th>")
            .Append("<th class=\"n\">Combined at start</th><th class=\"n\">Combined reach at end</th><th class=\"n\">Change</th><th class=\"n\">Growth</th><th class=\"n\">Growth rank</th></tr></thead><tbody>");
        for (var index = 0; index < report.Entities.Rows.Count; index++)
        {
            var row = report.Entities.Rows[index];
            var key = row.Entity is null ? ReportFormat.Html(row.Accounts[0]) : $"{ReportFormat.Html(row.Entity)}{(row.Kind is null ? string.Empty : " · " + ReportFormat.Html(row.Kind))} · {row.Accounts.Count} accounts";
            var shares = string.Join(" · ", row.Platforms.Select(platform => string.Create(CultureInfo.InvariantCulture, $"{ReportFormat.Html(platform.Platform)} {platform.Share * 100:0.0}%")));
            html.Append(CultureInfo.InvariantCulture, $"<tr data-entity=\"{ReportFormat.Html(row.Entity ?? string.Empty)}\" data-accounts=\"{ReportFormat.Html(string.Join(' ', row.Accounts))}\"><td>{index + 1}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{ReportFormat.Html(row.Name)}")
                .Append(row.Synthetic ? " <span class=\"synthetic\">synthetic</span>" : string.Empty)
                .Append(CultureInfo.InvariantCulture, $"<div class=\"key\">{key}</div></td><td class=\"shares\">{shares}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{ReportFormat.Count(row.FollowersAtStart)}</td><td class=\"n\">{ReportFormat.Count(row.FollowersAtEnd)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{ReportFormat.Change(row.Change)}</td><td class=\"n\">{ReportFormat.Percent(row.ChangeShare)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{(row.GrowthRank is { } rank ? rank.ToString(CultureInfo.InvariantCulture) : "–")}</td></tr>");
        }

        html.Append("</tbody></table>");
    }
}
