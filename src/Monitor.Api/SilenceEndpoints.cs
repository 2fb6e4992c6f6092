using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Abstractions.Alerts;
using Monitor.AccessControl;
using Monitor.Core.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Import;
using Orleans;

namespace Monitor.Api;

/// <summary>
/// Silences: mute alerts that match account, group, kind and severity, and matchers (equality or regex on account, group,
/// platform, kind, severity), from a start until they expire. Expired silences are kept and listed with <c>?state=all</c>.
/// </summary>
public static class SilenceEndpoints
{
    /// <summary>Maps <c>/api/silences</c>.</summary>
    public static IEndpointRouteBuilder MapSilenceEndpoints(this IEndpointRouteBuilder routes)
    {
        var silences = routes.MapGroup("/api/silences").WithTags("Silences");
        silences.MapReaderGet("/", ListAsync, "Silences in force, or every silence kept with ?state=all.");
        silences.MapAdminPost<SilenceRequest>("/", AddAsync, "Adds a silence: at least one matcher, and expiresAt or duration.");
        silences.MapAdminDelete("/{id}", RemoveAsync, "Removes a silence.");
        return silences;
    }

    private static async Task<Results<Ok<IReadOnlyList<Silence>>, ValidationProblem>> ListAsync(IGrainFactory grains, string? state) => state switch
    {
        null or "active" => TypedResults.Ok(await AlertEndpoints.Hub(grains).ListSilencesAsync()),
        "all" => TypedResults.Ok(await AlertEndpoints.Hub(grains).ListSilenceHistoryAsync()),
        _ => ApiProblems.InvalidField("state", state, "must be active or all"),
    };

    private static async Task<Results<Created<Silence>, ProblemHttpResult, ValidationProblem>> AddAsync(
        HttpRequest request, IGrainFactory grains, TimeProvider clock)
    {
        var (body, problem) = await JsonBody.ReadAsync<SilenceRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Account is null && body.Group is null && body.Kind is null && body.Severity is null && (body.Matchers?.Count ?? 0) == 0)
        {
            return ApiProblems.InvalidField("account", null, "a silence needs at least one matcher: account, group, kind, severity or matchers");
        }

        for (var i = 0; i < (body.Matchers?.Count ?? 0); i++)
        {
            if (MatcherProblem(body.Matchers![i]) is { } matcherProblem)
            {
                return ApiProblems.InvalidField($"matchers[{i}]", body.Matchers[i], matcherProblem);
            }
        }

        var account = body.Account;
        if (account is not null && !AccountKeyRule.TryCanonicalize(account, out account, out var reason))
        {
            return ApiProblems.InvalidField("account", body.Account, reason);
        }

        if (!AlertVocabulary.IsNullOrOneOf(body.Kind, AlertVocabulary.Kinds))
        {
            return ApiProblems.InvalidField("kind", body.Kind, $"must be {AlertVocabulary.Describe(AlertVocabulary.Kinds)}");
        }

        if (!AlertVocabulary.IsNullOrOneOf(body.Severity, AlertVocabulary.Severities))
        {
            return ApiProblems.InvalidField("severity", body.Severity, $"must be {AlertVocabulary.Describe(AlertVocabulary.Severities)}");
        }

        var now = clock.GetUtcNow();
        if (body.ExpiresAt is not null && body.Duration is not null)
        {
            return ApiProblems.InvalidField("duration", body.Duration, "give either expiresAt or duration, not both");
        }

        if (body.Duration is { } duration && duration <= TimeSpan.Zero)
        {
            return ApiProblems.InvalidField("duration", duration, "must be positive");
        }

        var expiresAt = body.ExpiresAt ?? (body.Duration is { } d ? now + d : (DateTimeOffset?)null);
        if (expiresAt is null)
        {
            return ApiProblems.InvalidField("expiresAt", null, "a silence needs expiresAt or duration");
        }

        if (expiresAt <= now)
        {
            return ApiProblems.InvalidField("expiresAt", expiresAt, $"must be in the future (now is {now:O})");
        }

        if (body.StartsAt is { } startsAt && startsAt >= expiresAt)
        {
            return ApiProblems.InvalidField("startsAt", startsAt, "must be before the silence expires");
        }

        var silence = new Silence(
            Guid.NewGuid().ToString("N"), account, body.Group, body.Kind, body.Severity, expiresAt.Value, body.Comment, body.CreatedBy, now,
            body.Matchers, body.StartsAt);
        var added = await AlertEndpoints.Hub(grains).AddSilenceAsync(silence);
        return TypedResults.Created($"/api/silences/{Uri.EscapeDataString(added.Id)}", added);
    }

    private static string? MatcherProblem(SilenceMatcher? matcher)
    {
        if (matcher is null || string.IsNullOrEmpty(matcher.Name) || matcher.Value is null)
        {
            return "a matcher needs a name, an operator and a value";
        }

        if (Array.IndexOf(AlertLabels.Names, matcher.Name) < 0)
        {
            return $"name must be {string.Join(", ", AlertLabels.Names)}";
        }

        try
        {
            _ = new LabelMatcher(matcher.Name, matcher.Operator, matcher.Value);
            return null;
        }
        catch (ArgumentException error)
        {
            return error.Message;
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string id, IGrainFactory grains) =>
        await AlertEndpoints.Hub(grains).RemoveSilenceAsync(id) ? TypedResults.NoContent() : ApiProblems.NotFound("Silence", id);
}
