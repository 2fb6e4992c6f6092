using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.AccessControl;
using Monitor.Api;
using Monitor.Reports;

namespace Monitor.Reports.Web;

/// <summary>
/// <c>/api/reports/entities?ids=a,b,c</c>: the report of an entity list (every account of the entities), in the forms a
/// group's report has. Unknown ids are a 404 naming them; a missing, empty or too long list a 400 naming <c>ids</c>.
/// </summary>
public static class EntityReportEndpoints
{
    /// <summary>Maps the endpoints under <paramref name="reports"/> (<c>/api/reports</c>) for readers.</summary>
    public static void Map(RouteGroupBuilder reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        reports.MapGet("/entities", HtmlAsync).RequireAuthorization(MonitorPolicies.Reader)
            .WithSummary("The report of an entity list as HTML: ?ids=a,b,c (entity ids, at most 50) and the period as for a group.");
        reports.MapGet("/entities/json", JsonAsync).RequireAuthorization(MonitorPolicies.Reader)
            .WithSummary("The entity list's report as JSON.");
        reports.MapGet("/entities/csv/{table}", CsvAsync).RequireAuthorization(MonitorPolicies.Reader)
            .WithSummary("One table of the entity list's report as CSV: followers, growth, growthPercent, movers, entities or alerts.");
        reports.MapGet("/entities/pdf", PdfAsync).RequireAuthorization(MonitorPolicies.Reader)
            .WithSummary("The entity list's report as PDF; 503 when Chromium is not installed.");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> HtmlAsync(
        HttpContext context, string? ids, [AsParameters] ReportQuery query, ReportDataLoader loader, TimeProvider time, CancellationToken cancellationToken)
    {
        var (report, problem) = await LoadAsync(ids, query, loader, time, cancellationToken);
        return ReportResults.Html(context, report, problem);
    }

    private static async Task<Results<Ok<GroupReport>, ProblemHttpResult, ValidationProblem>> JsonAsync(
        string? ids, [AsParameters] ReportQuery query, ReportDataLoader loader, TimeProvider time, CancellationToken cancellationToken)
    {
        var (report, problem) = await LoadAsync(ids, query, loader, time, cancellationToken);
        return ReportResults.Json(report, problem);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> CsvAsync(
        string table, string? ids, [AsParameters] ReportQuery query, ReportDataLoader loader, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ReportResults.CheckTable(table) is { } invalid)
        {
            return invalid;
        }

        var (report, problem) = await LoadAsync(ids, query, loader, time, cancellationToken);
        return ReportResults.Csv(report, problem, table);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> PdfAsync(
        string? ids, [AsParameters] ReportQuery query, ReportDataLoader loader, ChromiumPdfPrinter printer, TimeProvider time, CancellationToken cancellationToken)
    {
        var (report, problem) = await LoadAsync(ids, query, loader, time, cancellationToken);
        return await ReportResults.PdfAsync(report, problem, printer, cancellationToken);
    }

    private static async Task<(GroupReport? Report, IResult? Problem)> LoadAsync(
        string? ids, ReportQuery query, ReportDataLoader loader, TimeProvider time, CancellationToken cancellationToken)
    {
        var list = (ids ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            return (null, ApiProblems.InvalidField("ids", ids, "must list entity ids separated by commas (GET /api/entities lists them)"));
        }

        if (list.Count > ReportSubject.MaxEntities)
        {
            return (null, ApiProblems.InvalidField("ids", ids, $"must list at most {ReportSubject.MaxEntities} entities"));
        }

        if (await loader.MissingEntitiesAsync(list) is { Count: > 0 } missing)
        {
            return (null, ApiProblems.NotFound("Entity", string.Join(", ", missing)));
        }

        return await ReportResults.LoadAsync(ReportSubject.Entities(list), query, loader, time, cancellationToken);
    }
}
