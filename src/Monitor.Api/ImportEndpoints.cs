using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Monitor.AccessControl;
using Monitor.Import;
using Monitor.Telemetry;
using Orleans;

namespace Monitor.Api;

/// <summary>
/// <c>POST /api/import</c>: a CSV file of any size (the seed format or the generic <c>account,timestamp,followers,following,posts</c>),
/// streamed from the request body into the account grains, with the same per-line errors as <c>monitor import</c>.
/// </summary>
public static class ImportEndpoints
{
    /// <summary>
    /// Rows stored per round of grain calls unless <c>window</c> says otherwise. Larger rounds mean larger grain calls and
    /// group commits: on 10M rows over 1,000 accounts, 250,000 imported about 15 % faster than 100,000 for about 100 MiB
    /// more silo memory at peak (two rounds are held; figures in docs/benchmarks.md).
    /// </summary>
    public const int DefaultWindowRows = 250_000;

    /// <summary>The largest <c>window</c> a request may ask for (two windows are held in memory).</summary>
    public const int MaxWindowRows = 500_000;

    /// <summary>Media types read as CSV.</summary>
    public static readonly string[] CsvMediaTypes = ["text/csv", "application/csv"];

    /// <summary>Maps <c>/api/import</c>.</summary>
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/import", ImportAsync)
            .WithTags("Observations")
            .RequireAuthorization(MonitorPolicies.Writer)
            .WithSummary("Imports a CSV file (seed or generic format) of any size; bad rows are reported by line and skipped.")
            .WithDescription(
                "The body is streamed, so its size is not limited. 200 with {rows, accountsRegistered, accepted, duplicates, rejected, " +
                "errors:[{line, account, field, reason}]} (the first 100 bad rows); re-importing a file counts its rows as duplicates. " +
                "Seed rows register their accounts only for admin keys. 400 problem for an unknown header, 422 problem (same fields) " +
                $"when no row was stored, 415 for a body that is not text/csv (or application/csv) or a charset other than utf-8, utf-16, us-ascii, iso-8859-1; " +
                $"rows timed more than Monitor:Ingest:MaxClockSkew ahead of the silo's clock are refused as in the future. 'window' (1-{MaxWindowRows}, default {DefaultWindowRows}) sets the rows stored per round of grain calls. " +
                $"The generic format may add a resolution column ('{ObservationCsvReader.GenericResolutionHeader}'): 'exact', '<k>sf' or 'step:<n>', empty when unknown.");
        return routes;
    }

    private static async Task<Results<Ok<ImportSummary>, ProblemHttpResult, ValidationProblem>> ImportAsync(
        HttpRequest request, int? window, IGrainFactory grains, ServiceInstruments instruments, ILoggerFactory loggers,
        IOptions<IngestOptions> ingest, TimeProvider clock)
    {
        // Checked here rather than declared with Accepts(), which would answer 415 before authorization refuses a caller.
        if (!IsCsv(request.ContentType))
        {
            return ApiProblems.UnsupportedMediaType(request.ContentType, "text/csv");
        }

        if (RequestCharset.ForText(request.ContentType) is not { } encoding)
        {
            return ApiProblems.UnsupportedCharset(RequestCharset.Declared(request.ContentType), "utf-8 (the default), utf-16, us-ascii or iso-8859-1");
        }

        if (window is < 1 or > MaxWindowRows)
        {
            return ApiProblems.InvalidField("window", window, $"must be between 1 and {MaxWindowRows}");
        }

        // The ingest body limit guards JSON batches held whole; an import is streamed, so any size is fine.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }

        using var activity = ServiceInstruments.ActivitySource.StartActivity("import");
        var importer = new ObservationImporter(
            grains, window ?? DefaultWindowRows, request.HttpContext.User.IsInRole(ApiKeyRoles.Admin), clock.GetUtcNow() + ingest.Value.MaxClockSkew);
        using var reader = new StreamReader(request.Body, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        ImportSummary summary;
        try
        {
            summary = await importer.ImportAsync(reader, request.HttpContext.RequestAborted);
        }
        catch (FormatException ex)
        {
            return TypedResults.Problem(title: "Unknown CSV format", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        instruments.ImportRows.Add(summary.Accepted, new KeyValuePair<string, object?>("outcome", "accepted"));
        instruments.ImportRows.Add(summary.Duplicates, new KeyValuePair<string, object?>("outcome", "duplicate"));
        instruments.ImportRows.Add(summary.Rejected, new KeyValuePair<string, object?>("outcome", "rejected"));
        activity?.SetTag("monitor.import.rows", summary.Rows);
        loggers.CreateLogger(typeof(ImportEndpoints).FullName!).LogInformation(
            "Import by {Key}: {Rows} rows, {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected, {Registered} accounts registered.",
            request.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "open mode", summary.Rows, summary.Accepted, summary.Duplicates, summary.Rejected, summary.AccountsRegistered);
        if (summary.Rows > 0 && summary.Accepted + summary.Duplicates == 0)
        {
            return TypedResults.Problem(
                title: "Every row was rejected",
                detail: $"None of the {summary.Rows} rows was stored; see 'errors' for the first bad lines.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?>
                {
                    ["rows"] = summary.Rows,
                    ["accountsRegistered"] = summary.AccountsRegistered,
                    ["accepted"] = summary.Accepted,
                    ["duplicates"] = summary.Duplicates,
                    ["rejected"] = summary.Rejected,
                    ["errors"] = summary.Errors,
                });
        }

        return TypedResults.Ok(summary);
    }

    private static bool IsCsv(string? contentType)
    {
        var mediaType = contentType?.Split(';', 2)[0].Trim();
        return mediaType is not null && CsvMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase);
    }
}
