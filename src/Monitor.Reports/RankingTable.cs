using System.Globalization;
using System.Text;

namespace Monitor.Reports;

/// <summary>Writes a ranking as a table: rank, account, platform, followers at start and end, change and growth.</summary>
public static class RankingTable
{
    /// <summary>Writes <paramref name="rows"/> (in rank order) as a table marked <c>data-ranking="<paramref name="id"/>"</c>.</summary>
    public static void Write(StringBuilder html, string id, IReadOnlyList<ReportMemberRow> rows)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(rows);
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"ranking\" data-ranking=\"{ReportFormat.Html(id)}\"><thead><tr>")
            .Append("<th>#</th><th>Account</th><th>Platform</th><th class=\"n\">Followers at start</th><th class=\"n\">Followers at end</th>")
            .Append("<th class=\"n\">Change</th><th class=\"n\">Growth</th><th>Source</th></tr></thead><tbody>");
        for (var index = 0; index < rows.Count; index++)
        {
            var row = rows[index];
            html.Append(CultureInfo.InvariantCulture, $"<tr data-account=\"{ReportFormat.Html(row.Account)}\"><td>{index + 1}</td><td>{ReportFormat.Html(row.Name)}")
                .Append(row.Synthetic ? " <span class=\"synthetic\">synthetic</span>" : string.Empty)
                .Append(CultureInfo.InvariantCulture, $"<div class=\"key\">{ReportFormat.Html(row.Account)}</div></td><td>{ReportFormat.Html(row.Platform)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{ReportFormat.Count(row.FollowersAtStart)}</td><td class=\"n\">{ReportFormat.Count(row.FollowersAtEnd)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{ReportFormat.Change(row.Change)}</td><td class=\"n\">{ReportFormat.Percent(row.ChangeShare)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{ReportFormat.Html(row.Source)}</td></tr>");
        }

        html.Append("</tbody></table>");
    }
}
