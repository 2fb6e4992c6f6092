using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Monitor.Abstractions.Accounts;
using Monitor.AccessControl;
using Monitor.Import;
using Monitor.Telemetry;
using Orleans;

namespace Monitor.Api;

/// <summary>
/// <c>POST /api/observations</c>: a batch as a JSON array or NDJSON. Shape errors of single items are per-item rejections;
/// a body that is not well-formed JSON is 400, too many items or bytes 413, and a batch whose every item was refused 422.
/// The answer is sent only after every account grain has made its points durable.
/// </summary>
public static class ObservationEndpoints
{
    /// <summary>Media types read as newline-delimited JSON.</summary>
    public static readonly string[] NdjsonMediaTypes = ["application/x-ndjson", "application/ndjson", "application/jsonl"];

    /// <summary>How far past the body limit the silo keeps reading (and discarding) so the client receives the 413.</summary>
    public const long DrainAllowanceBytes = 1024 * 1024;

    /// <summary>Maps <c>/api/observations</c>.</summary>
    public static IEndpointRouteBuilder MapObservationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/observations", IngestAsync)
            .WithTags("Observations")
            .RequireAuthorization(MonitorPolicies.Writer)
            .Accepts<ObservationInput[]>("application/json", [.. NdjsonMediaTypes])
            .WithSummary("Records a batch of observations (JSON array or NDJSON); answers after they are durable.")
            .WithDescription(
                "200 with {accepted, duplicates, rejected:[{index, account, field, reason}]} when at least one item was accepted or was a duplicate; " +
                "422 problem (errors keyed [index].field, and the same 'rejected' list) when every item was refused; " +
                "400 problem when the body is not well-formed JSON (naming line and position) or not an array; " +
                "413 problem above Monitor:Ingest:MaxBatchSize items or MaxBodyBytes bytes; 415 for other media types. " +
                "An item may say how precisely its source reports counts with 'resolution': 'exact', '<k>sf' (rounded to k significant " +
                "figures, e.g. '3sf' for YouTube) or 'step:<n>' (rounded to multiples of n); it holds for the account's later points " +
                "until another is given, and without one the account infers it (its summary shows which).");
        return routes;
    }

    private static async Task<Results<Ok<RecordResult>, ProblemHttpResult>> IngestAsync(
        HttpRequest request, IGrainFactory grains, IOptions<IngestOptions> options, TimeProvider clock, ServiceInstruments instruments)
    {
        var limits = options.Value;
        var ndjson = IsNdjson(request.ContentType);
        if (!ndjson && !request.HasJsonContentType())
        {
            return ApiProblems.UnsupportedMediaType(request.ContentType, "application/json (an array) or application/x-ndjson");
        }

        if (!RequestCharset.IsUtf8(request.ContentType))
        {
            return ApiProblems.UnsupportedCharset(RequestCharset.Declared(request.ContentType), "utf-8 (JSON is always UTF-8)");
        }

        using var body = new PooledByteBuffer(request.ContentLength is { } length and > 0 and < int.MaxValue ? (int)Math.Min(length, limits.MaxBodyBytes) + 1 : 16 * 1024);
        if (!await ReadLimitedBodyAsync(request, body, limits.MaxBodyBytes))
        {
            return ApiProblems.TooLarge($"The body is larger than {limits.MaxBodyBytes} bytes; split the batch.", limits.MaxBodyBytes);
        }

        var reader = new ObservationBatchReader(limits.MaxBatchSize, clock.GetUtcNow() + limits.MaxClockSkew);
        try
        {
            if (ndjson)
            {
                reader.ReadNdjson(body.WrittenSpan);
            }
            else if (!reader.ReadJsonArray(body.WrittenSpan))
            {
                return TypedResults.Problem(
                    title: "Invalid batch",
                    detail: "An application/json batch must be a JSON array of observation objects; send one object per line as application/x-ndjson instead.",
                    statusCode: StatusCodes.Status400BadRequest);
            }
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}, position {ex.BytePositionInLine + 1}" : "the end of the body";
            return ApiProblems.MalformedJson(where, ApiProblems.WithoutJsonPosition(ex.Message));
        }

        if (reader.TooMany)
        {
            return ApiProblems.TooLarge($"The batch has more than {limits.MaxBatchSize} observations; split it.", limits.MaxBatchSize);
        }

        if (reader.Count == 0)
        {
            return TypedResults.Problem(title: "Empty batch", detail: "The batch holds no observations.", statusCode: StatusCodes.Status400BadRequest);
        }

        var started = clock.GetTimestamp();
        var result = await RecordAsync(grains, reader.Valid, reader.Rejected);
        instruments.IngestDuration.Record(clock.GetElapsedTime(started).TotalSeconds);
        instruments.ObservationsAccepted.Add(result.Accepted);
        instruments.ObservationsDuplicate.Add(result.Duplicates);
        foreach (var rejection in result.Rejected)
        {
            instruments.ObservationsRejected.Add(1, new KeyValuePair<string, object?>("field", rejection.Field));
        }

        if (result.Accepted + result.Duplicates == 0)
        {
            return TypedResults.Problem(
                title: "Every observation was rejected",
                detail: $"None of the {reader.Count} observations was stored; see 'rejected' for each item's field and reason.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = result.Rejected
                        .GroupBy(r => $"[{r.Index}].{r.Field}")
                        .ToDictionary(g => g.Key, g => g.Select(r => r.Reason).ToArray()),
                    ["rejected"] = result.Rejected,
                });
        }

        return TypedResults.Ok(result);
    }

    /// <summary>Copies the request's body into <paramref name="buffer"/>; false when it exceeds <paramref name="maxBytes"/> (answer 413).</summary>
    internal static async Task<bool> ReadLimitedBodyAsync(HttpRequest request, PooledByteBuffer buffer, long maxBytes)
    {
        try
        {
            return await ReadBodyAsync(request.Body, buffer, maxBytes, request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Far beyond the limit: Kestrel refuses to read it at all.
            return false;
        }
    }

    /// <summary>
    /// Copies the body into <paramref name="buffer"/>; false when it exceeds <paramref name="maxBytes"/>. The excess is read and
    /// discarded (up to <see cref="DrainAllowanceBytes"/>), because closing a connection with unread data makes the client
    /// see a reset instead of the 413.
    /// </summary>
    private static async Task<bool> ReadBodyAsync(Stream body, PooledByteBuffer buffer, long maxBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await body.ReadAsync(buffer.GetMemory(), cancellationToken);
            if (read == 0)
            {
                return true;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                var scratch = new byte[64 * 1024];
                long drained = 0;
                while (drained < DrainAllowanceBytes && (read = await body.ReadAsync(scratch, cancellationToken)) > 0)
                {
                    drained += read;
                }

                return false;
            }
        }
    }

    /// <summary>One grain call per account, all in parallel; grain rejections are mapped back to batch indexes.</summary>
    private static async Task<RecordResult> RecordAsync(IGrainFactory grains, List<IndexedObservation> valid, List<RejectedObservation> rejected)
    {
        var results = await AccountBatchRecorder.RecordAsync(grains, valid, item => item.GrainKey, item => item.Observation);

        var all = new List<RejectedObservation>(rejected);
        int accepted = 0, duplicates = 0;
        foreach (var (items, result) in results)
        {
            accepted += result.Accepted;
            duplicates += result.Duplicates;
            all.AddRange(result.Rejected.Select(r => r with { Index = r.Index >= 0 && r.Index < items.Count ? items[r.Index].Index : r.Index }));
        }

        all.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new RecordResult(accepted, duplicates, all);
    }

    private static bool IsNdjson(string? contentType)
    {
        var mediaType = contentType?.Split(';', 2)[0].Trim();
        return mediaType is not null && NdjsonMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase);
    }
}
