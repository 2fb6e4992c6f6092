using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Annotations;
using Monitor.Import;
using Orleans;

namespace Monitor.Api;

/// <summary>Annotations: analysts' notes on dates and ranges ("44-day war"), drawn on the charts they apply to.</summary>
public static class AnnotationEndpoints
{
    /// <summary>Longest note.</summary>
    public const int MaxTextLength = 200;

    /// <summary>Most annotations one import may carry.</summary>
    public const int MaxImport = 1000;

    /// <summary>Maps <c>/api/annotations</c>.</summary>
    public static IEndpointRouteBuilder MapAnnotationEndpoints(this IEndpointRouteBuilder routes)
    {
        var annotations = routes.MapGroup("/api/annotations").WithTags("Annotations");
        annotations.MapReaderGet("/", ListAsync, "Annotations, oldest first: all, or those drawn on an account's or a group's chart, overlapping from/to.");
        annotations.MapWriterPost<AnnotationRequest>("/", AddAsync, "Adds a note on a date or range, about everything, an account, a group or an alert.");
        annotations.MapWriterPost<AnnotationRequest[]>(
            "/import", ImportAsync, "Imports known events (a JSON array of annotations); ones already stored are counted, not stored twice.");
        annotations.MapWriterDelete("/{id}", RemoveAsync, "Removes an annotation.");
        return routes;
    }

    /// <summary>The grain holding every annotation.</summary>
    public static IAnnotationsGrain Store(IGrainFactory grains) => grains.GetGrain<IAnnotationsGrain>(IAnnotationsGrain.Key);

    private static async Task<Results<Ok<IReadOnlyList<Annotation>>, ProblemHttpResult, ValidationProblem>> ListAsync(
        IGrainFactory grains, string? account, string? group, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (account is not null && group is not null)
        {
            return ApiProblems.InvalidField("group", group, "give account or group, not both");
        }

        if (from > to)
        {
            return ApiProblems.InvalidField("from", from, $"must not be after 'to' ({to:O})");
        }

        Func<Annotation, bool> applies = _ => true;
        if (account is not null)
        {
            if (!AccountKeyRule.TryCanonicalize(account, out var key, out var reason))
            {
                return ApiProblems.InvalidField("account", account, reason);
            }

            if (await grains.GetGrain<IAccountGrain>(key).GetSummaryAsync() is not { } summary)
            {
                return ApiProblems.NotFound("Account", account);
            }

            var groups = summary.Profile.Groups ?? [];
            applies = annotation => annotation.AppliesToAccount(key, groups);
        }
        else if (group is not null)
        {
            applies = annotation => annotation.AppliesToGroup(group);
        }

        var start = from ?? DateTimeOffset.MinValue;
        var end = to ?? DateTimeOffset.MaxValue;
        var all = await Store(grains).ListAsync();
        return TypedResults.Ok<IReadOnlyList<Annotation>>(all.Where(annotation => applies(annotation) && annotation.Overlaps(start, end)).ToList());
    }

    private static async Task<Results<Created<Annotation>, Ok<Annotation>, ProblemHttpResult, ValidationProblem>> AddAsync(
        HttpRequest request, IGrainFactory grains, TimeProvider clock)
    {
        var (body, problem) = await JsonBody.ReadAsync<AnnotationRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        var (annotation, invalid, missing) = await ValidateAsync(body!, string.Empty, grains, clock.GetUtcNow());
        if (invalid is not null)
        {
            return invalid;
        }

        if (missing is not null)
        {
            return missing;
        }

        var stored = await Store(grains).AddAsync([annotation!]);
        var location = $"/api/annotations/{Uri.EscapeDataString(annotation!.Id)}";
        return stored == 1 ? TypedResults.Created(location, annotation) : TypedResults.Ok(annotation);
    }

    private static async Task<Results<Ok<AnnotationImportResult>, ProblemHttpResult, ValidationProblem>> ImportAsync(
        HttpRequest request, IGrainFactory grains, TimeProvider clock)
    {
        var (body, problem) = await JsonBody.ReadAsync<AnnotationRequest[]>(request);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Length > MaxImport)
        {
            return ApiProblems.InvalidField("body", $"{body.Length} annotations", $"an import carries at most {MaxImport}");
        }

        var now = clock.GetUtcNow();
        var annotations = new List<Annotation>(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var (annotation, invalid, missing) = await ValidateAsync(body[i] ?? new AnnotationRequest(null, null, null, null, null, null, null), $"[{i}].", grains, now);
            if (invalid is not null)
            {
                return invalid;
            }

            if (missing is not null)
            {
                return missing;
            }

            annotations.Add(annotation!);
        }

        var stored = await Store(grains).AddAsync(annotations);
        return TypedResults.Ok(new AnnotationImportResult(stored, annotations.Count - stored));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string id, IGrainFactory grains) =>
        await Store(grains).RemoveAsync(id) ? TypedResults.NoContent() : ApiProblems.NotFound("Annotation", id);

    // Checks one request and completes it from its alert; prefix names the item of an import in the problem ("[3].").
    private static async Task<(Annotation? Annotation, ValidationProblem? Invalid, ProblemHttpResult? Missing)> ValidateAsync(
        AnnotationRequest body, string prefix, IGrainFactory grains, DateTimeOffset now)
    {
        var text = body.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxTextLength)
        {
            return (null, ApiProblems.InvalidField(prefix + "text", body.Text, $"must be 1 to {MaxTextLength} characters"), null);
        }

        if (body.Account is not null && body.Group is not null)
        {
            return (null, ApiProblems.InvalidField(prefix + "group", body.Group, "a note is about an account or a group, not both"), null);
        }

        if (body.Group is { } named && (named.Trim().Length == 0 || named.Length > AccountProfileLimits.MaxNameLength))
        {
            return (null, ApiProblems.InvalidField(prefix + "group", body.Group, $"must be 1 to {AccountProfileLimits.MaxNameLength} characters"), null);
        }

        var account = body.Account;
        if (account is not null && !AccountKeyRule.TryCanonicalize(account, out account, out var reason))
        {
            return (null, ApiProblems.InvalidField(prefix + "account", body.Account, reason), null);
        }

        var start = body.Start;
        var end = body.End;
        if (body.AlertId is { } alertId)
        {
            if (await AlertEndpoints.Hub(grains).GetAsync(alertId) is not { } alert)
            {
                return (null, null, ApiProblems.NotFound("Alert", alertId));
            }

            if (account is not null && account != alert.Account)
            {
                return (null, ApiProblems.InvalidField(prefix + "account", body.Account, $"alert '{alertId}' is on {alert.Account}"), null);
            }

            account = alert.Account;
            start ??= alert.Start;
            end ??= body.Start is null ? alert.End : null;
        }

        if (start is null)
        {
            return (null, ApiProblems.InvalidField(prefix + "start", null, "a note needs a start date (or an alertId to take it from)"), null);
        }

        if (end is { } last && last < start)
        {
            return (null, ApiProblems.InvalidField(prefix + "end", end, $"must not be before 'start' ({start:O})"), null);
        }

        var createdBy = body.CreatedBy?.Trim() is { Length: > 0 } by ? by[..Math.Min(by.Length, AccountProfileLimits.MaxNameLength)] : null;
        var id = IdOf(text, start.Value, end, account, body.Group, body.AlertId);
        return (new Annotation(id, text, start.Value, end, account, body.Group, body.AlertId, createdBy, now), null, null);
    }

    // The same note on the same span about the same thing always gets the same id: imports are idempotent.
    private static string IdOf(string text, DateTimeOffset start, DateTimeOffset? end, string? account, string? group, string? alertId)
    {
        var identity = string.Join('\u001f', text, start.UtcTicks.ToString(CultureInfo.InvariantCulture),
            end?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "", account ?? "", group ?? "", alertId ?? "");
        return "note-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
    }
}
