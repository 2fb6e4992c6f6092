using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Abstractions.Accounts;
using Monitor.AccessControl;
using Monitor.Reports;

namespace Monitor.Reports.Web;

/// <summary>
/// <c>/api/reports</c>: the report of a group or of an entity list for a week, a month or a range of days as HTML (reader),
/// JSON, its tables as CSV, a PDF printed by headless Chromium, and (admin) the schedules that send reports to webhook receivers.
/// </summary>
public static class ReportEndpoints
{
    /// <summary>Maps the endpoints with their policies.</summary>
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder routes)
    {
        var reports = routes.MapGroup("/api/reports").WithTags("Reports");
        reports.MapGet("/", IndexAsync).RequireAuthorization(MonitorPolicies.Reader)
            .WithSummary("An HTML page listing every group with links to its last week's and last month's reports.");
        ReportForms<GroupReportRequest>.Map(reports, "/groups/{name}", "group's",
            "The group's report as HTML: ?period=week|month (&at=yyyy-MM-dd, a day inside it; the latest complete one without) or ?period=range&from=&to=.");
        ReportForms<EntityListReportRequest>.Map(reports, "/entities", "entity list's",
            $"The report of an entity list (every account of the entities) as HTML: ?ids=a,b,c (entity ids, at most {ReportSubject.MaxEntities}) and the period as for a group.");
        ReportScheduleEndpoints.Map(reports);
        return routes;
    }

    private static async Task<ContentHttpResult> IndexAsync(HttpContext context, IAccountDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var groups = await directory.ListGroupsAsync(cancellationToken);
        var now = time.GetUtcNow();
        var week = ReportPeriod.LastComplete(ReportPeriodKinds.Week, now);
        var month = ReportPeriod.LastComplete(ReportPeriodKinds.Month, now);
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Monitor reports</title></head><body><h1>Reports</h1><ul>");
        foreach (var group in groups.OrderBy(group => group.Name, StringComparer.Ordinal))
        {
            html.Append(CultureInfo.InvariantCulture, $"<li data-group=\"{ReportFormat.Html(group.Name)}\">{ReportFormat.Html(group.Name)} ({group.Members} accounts): ")
                .Append(CultureInfo.InvariantCulture, $"<a href=\"{ReportFormat.Html(ReportLinks.PathOf(group.Name, week))}\">{ReportFormat.Html(week.Label)}</a> · ")
                .Append(CultureInfo.InvariantCulture, $"<a href=\"{ReportFormat.Html(ReportLinks.PathOf(group.Name, month))}\">{ReportFormat.Html(month.Label)}</a></li>");
        }

        html.Append("</ul><p>Any other week, month or range: add <code>?period=week&amp;at=2020-10-01</code>, <code>?period=month&amp;at=2020-10-01</code> or <code>?period=range&amp;from=2020-09-01&amp;to=2020-11-30</code> to a report's address. ")
            .Append("Entities compared across groups: <code>/api/reports/entities?ids=ilham-aliyev,ministry-of-foreign-affairs-of-azerbaijan</code>.</p></body></html>");
        return ReportResults.HtmlPage(context, html.ToString());
    }
}
