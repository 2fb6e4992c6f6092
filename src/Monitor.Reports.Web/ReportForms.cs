using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.AccessControl;
using Monitor.Reports;

namespace Monitor.Reports.Web;

/// <summary>
/// The forms a report is served in (HTML, JSON, a CSV table, PDF), one handler each whatever the report is of:
/// <typeparamref name="TRequest"/> names the subject, <see cref="ReportQuery"/> the period.
/// </summary>
internal static class ReportForms<TRequest>
    where TRequest : IReportSubjectRequest
{
    /// <summary>
    /// Maps the four forms at <paramref name="path"/> under <c>/api/reports</c> for readers; <paramref name="subject"/> names
    /// whose report it is ("group's"), <paramref name="htmlSummary"/> describes the address.
    /// </summary>
    public static void Map(RouteGroupBuilder reports, string path, string subject, string htmlSummary)
    {
        reports.MapGet(path, HtmlAsync).RequireAuthorization(MonitorPolicies.Reader).WithSummary(htmlSummary);
        reports.MapGet($"{path}/json", JsonAsync).RequireAuthorization(MonitorPolicies.Reader)
            .WithSummary($"The {subject} report as JSON (the figures the HTML shows).");
        reports.MapGet($"{path}/csv/{{table}}", CsvAsync).RequireAuthorization(MonitorPolicies.Reader)
            .WithSummary($"One table of the {subject} report as CSV: followers, growth, growthPercent, movers, entities or alerts.");
        reports.MapGet($"{path}/pdf", PdfAsync).RequireAuthorization(MonitorPolicies.Reader)
            .WithSummary($"The {subject} report as PDF, printed by headless Chromium; 503 when Chromium is not installed.");
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> HtmlAsync(
        HttpContext context, [AsParameters] TRequest request, [AsParameters] ReportQuery query, ReportDataLoader loader, TimeProvider time, CancellationToken cancellationToken)
    {
        var (report, problem) = await LoadAsync(request, query, loader, time, cancellationToken);
        return ReportResults.Html(context, report, problem);
    }

    public static async Task<Results<Ok<GroupReport>, ProblemHttpResult, ValidationProblem>> JsonAsync(
        [AsParameters] TRequest request, [AsParameters] ReportQuery query, ReportDataLoader loader, TimeProvider time, CancellationToken cancellationToken)
    {
        var (report, problem) = await LoadAsync(request, query, loader, time, cancellationToken);
        return ReportResults.Json(report, problem);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> CsvAsync(
        string table, [AsParameters] TRequest request, [AsParameters] ReportQuery query, ReportDataLoader loader, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ReportResults.CheckTable(table) is { } invalid)
        {
            return invalid;
        }

        var (report, problem) = await LoadAsync(request, query, loader, time, cancellationToken);
        return ReportResults.Csv(report, problem, table);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> PdfAsync(
        [AsParameters] TRequest request, [AsParameters] ReportQuery query, ReportDataLoader loader, ChromiumPdfPrinter printer, TimeProvider time, CancellationToken cancellationToken)
    {
        var (report, problem) = await LoadAsync(request, query, loader, time, cancellationToken);
        return await ReportResults.PdfAsync(report, problem, printer, cancellationToken);
    }

    private static async Task<(GroupReport? Report, IResult? Problem)> LoadAsync(
        TRequest request, ReportQuery query, ReportDataLoader loader, TimeProvider time, CancellationToken cancellationToken)
    {
        var (subject, problem) = await request.ResolveAsync(loader);
        return subject is null ? (null, problem) : await ReportResults.LoadAsync(subject, query, loader, time, cancellationToken);
    }
}
