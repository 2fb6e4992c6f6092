using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Api;
using Monitor.Reports;

namespace Monitor.Reports.Web;

/// <summary>What the report endpoints of groups and of entity lists share: reading the period, loading, and each form's answer.</summary>
internal static class ReportResults
{
    /// <summary>The report of <paramref name="subject"/>, or the problem: a 400 naming the period's parameter, a 404 for an unknown group.</summary>
    public static async Task<(GroupReport? Report, IResult? Problem)> LoadAsync(
        ReportSubject subject, ReportQuery query, ReportDataLoader loader, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ReportPeriodQuery.TryRead(query.Period, query.At, query.From, query.To, time.GetUtcNow(), out var parsed, out var problem))
        {
            return (null, problem);
        }

        var report = await loader.LoadAsync(subject, parsed, cancellationToken);
        return report is null ? (null, ApiProblems.NotFound(subject.Kind == ReportSubject.GroupKind ? "Group" : "Entity", subject.Id)) : (report, null);
    }

    public static Results<ContentHttpResult, ProblemHttpResult, ValidationProblem> Html(HttpContext context, GroupReport? report, IResult? problem) =>
        report is null ? Problem<ContentHttpResult>(problem!) : HtmlPage(context, ReportHtml.Render(report));

    public static Results<Ok<GroupReport>, ProblemHttpResult, ValidationProblem> Json(GroupReport? report, IResult? problem) =>
        report is null ? Problem<Ok<GroupReport>>(problem!) : TypedResults.Ok(report);

    public static Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem> Csv(GroupReport? report, IResult? problem, string table) =>
        report is null ? Problem<FileContentHttpResult>(problem!) : TypedResults.File(CsvBytes(report, table), "text/csv; charset=utf-8", $"{FileStem(report)}-{table}.csv");

    /// <summary>A 400 naming <c>table</c> when it is none of <see cref="ReportCsvTables.Names"/>.</summary>
    public static ValidationProblem? CheckTable(string table) =>
        ReportCsvTables.Names.Contains(table, StringComparer.Ordinal)
            ? null
            : ApiProblems.InvalidField("table", table, $"must be {AlertVocabulary.Describe(ReportCsvTables.Names)}");

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> PdfAsync(
        GroupReport? report, IResult? problem, ChromiumPdfPrinter printer, CancellationToken cancellationToken)
    {
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

    /// <summary>Table <paramref name="table"/> of the report as UTF-8 CSV.</summary>
    public static byte[] CsvBytes(GroupReport report, string table)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        ReportCsvTables.Write(report, table, text);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The report's file name without extension: <c>monitor-report-{group or entities}-{from}-{to}</c>.</summary>
    public static string FileStem(GroupReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var subject = report.Subject.Kind == ReportSubject.GroupKind ? report.Subject.Id : "entities-" + report.Subject.Id.Replace(',', '+');
        var safe = new string(subject.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '+' ? c : '_').ToArray());
        return string.Create(CultureInfo.InvariantCulture, $"monitor-report-{safe}-{report.Period.From:yyyy-MM-dd}-{report.Period.To:yyyy-MM-dd}");
    }

    public static Results<T1, ProblemHttpResult, ValidationProblem> Problem<T1>(IResult problem)
        where T1 : IResult =>
        problem switch
        {
            ValidationProblem invalid => invalid,
            ProblemHttpResult other => other,
            _ => throw new ArgumentException("Not a problem result.", nameof(problem)),
        };

    public static ContentHttpResult HtmlPage(HttpContext context, string html)
    {
        context.Response.Headers.ContentSecurityPolicy = ReportHtml.ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
