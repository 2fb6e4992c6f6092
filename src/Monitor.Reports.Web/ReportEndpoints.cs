using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Abstractions.Accounts;
using Monitor.Reports;
using Monitor.Api;
using Monitor.AccessControl;
using Monitor.Webhooks;

namespace Monitor.Reports.Web;

/// <summary>
/// <c>/api/reports</c>: a group's report for a week, a month or a range of days as HTML (reader), its tables as CSV, a PDF
/// printed by headless Chromium, and (admin) the schedules that send reports to webhook receivers.
/// </summary>
public static class ReportEndpoints
{
    /// <summary>Maps the endpoints with their policies.</summary>
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder routes)
    {
        var reports = routes.MapGroup("/api/reports").WithTags("Reports");
        reports.MapGet("/", IndexAsync).RequireAuthorization(MonitorPolicies.Reader)
            .WithSummary("An HTML page listing every group with links to its last week's and last month's reports.");
        reports.MapGet("/groups/{name}", HtmlAsync).RequireAuthorization(MonitorPolicies.Reader)
            .WithSummary("The group's report as HTML: ?period=week|month (&at=yyyy-MM-dd, a day inside it; the latest complete one without) or ?period=range&from=&to=.");
        reports.MapGet("/groups/{name}/json", JsonAsync).RequireAuthorization(MonitorPolicies.Reader)
            .WithSummary("The group's report as JSON (the figures the HTML shows).");
        reports.MapGet("/groups/{name}/csv/{table}", CsvAsync).RequireAuthorization(MonitorPolicies.Reader)
            .WithSummary("One table of the report as CSV: followers, growth, growthPercent, movers or alerts.");
        reports.MapGet("/groups/{name}/pdf", PdfAsync).RequireAuthorization(MonitorPolicies.Reader)
            .WithSummary("The report as PDF, printed by headless Chromium; 503 when Chromium is not installed.");

        var admin = reports.MapGroup("/schedules").RequireAuthorization(MonitorPolicies.Admin);
        admin.MapGet("/", ListSchedulesAsync).WithSummary("Every report schedule (from settings and from the API).");
        admin.MapPost("/", CreateScheduleAsync).Accepts<ReportScheduleRequest>("application/json")
            .WithSummary("Adds a schedule {id?, group, cadence: week|month, receiver}: the group's report goes to the webhook receiver after every period.");
        admin.MapDelete("/{id}", DeleteScheduleAsync).WithSummary("Deletes a schedule added through the API.");
        admin.MapPost("/{id}/run", RunScheduleAsync)
            .WithSummary("Queues the schedule's report now: the latest complete period, or the one holding ?at=yyyy-MM-dd; 202, or 200 when it was queued before.");
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

        html.Append("</ul><p>Any other week, month or range: add <code>?period=week&amp;at=2020-10-01</code>, <code>?period=month&amp;at=2020-10-01</code> or <code>?period=range&amp;from=2020-09-01&amp;to=2020-11-30</code> to a report's address.</p></body></html>");
        return Html(context, html.ToString());
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> HtmlAsync(
        HttpContext context, string name, string? period, string? at, string? from, string? to, ReportDataLoader loader, TimeProvider time, CancellationToken cancellationToken)
    {
        var (report, problem) = await LoadAsync(name, period, at, from, to, loader, time, cancellationToken);
        return report is null ? Problem<ContentHttpResult>(problem!) : Html(context, ReportHtml.Render(report));
    }

    private static async Task<Results<Ok<GroupReport>, ProblemHttpResult, ValidationProblem>> JsonAsync(
        string name, string? period, string? at, string? from, string? to, ReportDataLoader loader, TimeProvider time, CancellationToken cancellationToken)
    {
        var (report, problem) = await LoadAsync(name, period, at, from, to, loader, time, cancellationToken);
        return report is null ? Problem<Ok<GroupReport>>(problem!) : TypedResults.Ok(report);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> CsvAsync(
        string name, string table, string? period, string? at, string? from, string? to, ReportDataLoader loader, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ReportCsvTables.Names.Contains(table, StringComparer.Ordinal))
        {
            return ApiProblems.InvalidField("table", table, $"must be {AlertVocabulary.Describe(ReportCsvTables.Names)}");
        }

        var (report, problem) = await LoadAsync(name, period, at, from, to, loader, time, cancellationToken);
        if (report is null)
        {
            return Problem<FileContentHttpResult>(problem!);
        }

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        ReportCsvTables.Write(report, table, text);
        return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"{FileStem(report)}-{table}.csv");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> PdfAsync(
        string name, string? period, string? at, string? from, string? to, ReportDataLoader loader, ChromiumPdfPrinter printer, TimeProvider time, CancellationToken cancellationToken)
    {
        var (report, problem) = await LoadAsync(name, period, at, from, to, loader, time, cancellationToken);
        if (report is null)
        {
            return Problem<FileContentHttpResult>(problem!);
        }

        try
        {
            var pdf = await printer.PrintAsync(ReportHtml.Render(report), cancellationToken);
            return TypedResults.File(pdf, "application/pdf", $"{FileStem(report)}.pdf");
        }
        catch (ChromiumUnavailableException missing)
        {
            return TypedResults.Problem(title: "PDF printing unavailable", detail: missing.Message, statusCode: StatusCodes.Status503ServiceUnavailable,
                extensions: new Dictionary<string, object?> { ["missing"] = "chromium" });
        }
    }

    private static async Task<Ok<IReadOnlyList<ReportSchedule>>> ListSchedulesAsync(ReportSchedules schedules, CancellationToken cancellationToken) =>
        TypedResults.Ok(await schedules.ListAsync(cancellationToken));

    private static async Task<Results<Created<ReportSchedule>, ProblemHttpResult, ValidationProblem>> CreateScheduleAsync(
        HttpContext context, ReportSchedules schedules, ReportScheduleStore store, WebhookReceivers receivers, IAccountDirectory directory, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReportScheduleRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var request = body! with { Id = body!.Id ?? "rs-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) };
        if (!ReportScheduleRules.TryValidate(request, out var field, out var reason))
        {
            return ApiProblems.InvalidField(field, field switch { "id" => request.Id, "group" => request.Group, "cadence" => request.Cadence, _ => request.Receiver }, reason);
        }

        if (await receivers.FindAsync(request.Receiver!, context.RequestAborted) is null)
        {
            return ApiProblems.InvalidField("receiver", request.Receiver, "names no webhook receiver (GET /api/webhooks lists them)");
        }

        if (!(await directory.ListGroupsAsync(context.RequestAborted)).Any(group => group.Name == request.Group))
        {
            return ApiProblems.InvalidField("group", request.Group, "names no group (GET /api/groups lists them)");
        }

        var schedule = new ReportSchedule(request.Id!, request.Group!, request.Cadence!, request.Receiver!, time.GetUtcNow());
        context.Items[AuditMiddleware.TargetItem] = $"report schedule {schedule.Id}";
        if (schedules.IsFromSettings(schedule.Id) || !await store.AddAsync(schedule, context.RequestAborted))
        {
            return ApiProblems.AlreadyExists("Report schedule", schedule.Id);
        }

        return TypedResults.Created($"/api/reports/schedules/{Uri.EscapeDataString(schedule.Id)}", schedule);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteScheduleAsync(string id, ReportSchedules schedules, ReportScheduleStore store, CancellationToken cancellationToken)
    {
        if (schedules.IsFromSettings(id))
        {
            return ApiProblems.Conflict("Schedule from settings", $"Report schedule '{id}' comes from settings ({ReportOptions.SectionName}:Schedules); change it there.");
        }

        return await store.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : ApiProblems.NotFound("Report schedule", id);
    }

    private static async Task<Results<Accepted<ReportRun>, Ok<ReportRun>, ProblemHttpResult, ValidationProblem>> RunScheduleAsync(
        string id, string? at, ReportSchedules schedules, ReportDelivery delivery, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await schedules.FindAsync(id, cancellationToken) is not { } schedule)
        {
            return ApiProblems.NotFound("Report schedule", id);
        }

        if (!ReportPeriodQuery.TryRead(schedule.Cadence, at, null, null, time.GetUtcNow(), out var period, out var problem))
        {
            return problem!;
        }

        try
        {
            var run = new ReportRun(schedule.Id, schedule.Receiver, period.Kind, period.From, period.To);
            return await delivery.EnqueueAsync(schedule, period, cancellationToken)
                ? TypedResults.Accepted($"/api/webhooks/{Uri.EscapeDataString(schedule.Receiver)}/deliveries", run)
                : TypedResults.Ok(run);
        }
        catch (InvalidOperationException gone)
        {
            return ApiProblems.Conflict("Schedule cannot run", gone.Message);
        }
    }

    private static async Task<(GroupReport? Report, IResult? Problem)> LoadAsync(
        string name, string? period, string? at, string? from, string? to, ReportDataLoader loader, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ReportPeriodQuery.TryRead(period, at, from, to, time.GetUtcNow(), out var parsed, out var problem))
        {
            return (null, problem);
        }

        var report = await loader.LoadAsync(name, parsed, cancellationToken);
        return report is null ? (null, ApiProblems.NotFound("Group", name)) : (report, null);
    }

    private static Results<T1, ProblemHttpResult, ValidationProblem> Problem<T1>(IResult problem)
        where T1 : IResult =>
        problem switch
        {
            ValidationProblem invalid => invalid,
            ProblemHttpResult other => other,
            _ => throw new ArgumentException("Not a problem result.", nameof(problem)),
        };

    private static ContentHttpResult Html(HttpContext context, string html)
    {
        context.Response.Headers.ContentSecurityPolicy = ReportHtml.ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    private static string FileStem(GroupReport report) =>
        string.Create(CultureInfo.InvariantCulture, $"monitor-report-{report.Group}-{report.Period.From:yyyy-MM-dd}-{report.Period.To:yyyy-MM-dd}");
}
