using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Abstractions.Alerts;
using Monitor.AccessControl;
using Monitor.Core.Accounts;
using Monitor.Grains.Alerts;
using Monitor.Import;
using Orleans;

namespace Monitor.Api;

/// <summary>The alert feed, one alert, acknowledge and resolve, and the incidents that correlate alerts across a group.</summary>
public static class AlertEndpoints
{
    /// <summary>Largest page the alert feed returns.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Maps <c>/api/alerts</c> and <c>/api/incidents</c>.</summary>
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder routes)
    {
        var alerts = routes.MapGroup("/api/alerts").WithTags("Alerts");
        alerts.MapReaderGet("/", QueryAsync, "Alerts, newest first, with filters and a cursor.");
        alerts.MapReaderGet("/{id}", GetAsync, "One alert.");
        alerts.MapAdminPost<AlertActionRequest>("/{id}/acknowledge", AcknowledgeAsync, "Acknowledges an alert (optional body: {by}).");
        alerts.MapAdminPost<AlertActionRequest>("/{id}/resolve", ResolveAsync, "Resolves an alert by hand (optional body: {by}).");
        routes.MapReaderGet("/api/incidents", ListIncidentsAsync, "Incidents: simultaneous alerts of one kind across members of a group.").WithTags("Alerts");
        return routes;
    }

    private static async Task<Results<Ok<AlertPage>, ValidationProblem>> QueryAsync(
        IGrainFactory grains,
        string? status,
        string? kind,
        string? severity,
        string? account,
        string? group,
        DateTimeOffset? since,
        string? cursor,
        int? limit)
    {
        if (!AlertVocabulary.IsNullOrOneOf(status, AlertVocabulary.Statuses))
        {
            return ApiProblems.InvalidField("status", status, $"must be {AlertVocabulary.Describe(AlertVocabulary.Statuses)}");
        }

        if (!AlertVocabulary.IsNullOrOneOf(kind, AlertVocabulary.Kinds))
        {
            return ApiProblems.InvalidField("kind", kind, $"must be {AlertVocabulary.Describe(AlertVocabulary.Kinds)}");
        }

        if (!AlertVocabulary.IsNullOrOneOf(severity, AlertVocabulary.Severities))
        {
            return ApiProblems.InvalidField("severity", severity, $"must be {AlertVocabulary.Describe(AlertVocabulary.Severities)}");
        }

        if (ApiProblems.InvalidPageSize(limit, MaxPageSize) is { } badLimit)
        {
            return badLimit;
        }

        // Alerts carry the canonical key (x:@AzerbaijanMFA is stored as x:@azerbaijanmfa): the filter names it the same way.
        // A platform's outage alert carries the platform's name where an account alert carries its key.
        string? accountKey = null;
        if (account is not null && PlatformNames.TryParse(account, out var platform))
        {
            accountKey = platform.ToWireName();
        }
        else if (account is not null && !AccountKeyRule.TryCanonicalize(account, out accountKey, out var reason))
        {
            return ApiProblems.InvalidField("account", account, reason);
        }

        var query = new AlertQuery(status, kind, severity, accountKey, group, since, cursor, limit ?? 100);
        return TypedResults.Ok(await Hub(grains).QueryAsync(query));
    }

    private static async Task<Results<Ok<AlertView>, ProblemHttpResult>> GetAsync(string id, IGrainFactory grains) =>
        await Hub(grains).GetAsync(id) is { } alert ? TypedResults.Ok(alert) : ApiProblems.NotFound("Alert", id);

    private static async Task<Results<Ok<AlertView>, ProblemHttpResult>> AcknowledgeAsync(string id, HttpRequest request, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<AlertActionRequest>(request, optional: true);
        if (problem is not null)
        {
            return problem;
        }

        return await Hub(grains).AcknowledgeAsync(id, body?.By) is { } alert ? TypedResults.Ok(alert) : ApiProblems.NotFound("Alert", id);
    }

    private static async Task<Results<Ok<AlertView>, ProblemHttpResult>> ResolveAsync(string id, HttpRequest request, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<AlertActionRequest>(request, optional: true);
        if (problem is not null)
        {
            return problem;
        }

        return await Hub(grains).ResolveAsync(id, body?.By) is { } alert ? TypedResults.Ok(alert) : ApiProblems.NotFound("Alert", id);
    }

    private static async Task<Ok<IReadOnlyList<Incident>>> ListIncidentsAsync(IGrainFactory grains) =>
        TypedResults.Ok(await Hub(grains).ListIncidentsAsync());

    /// <summary>The silo's single alert hub.</summary>
    internal static IAlertHubGrain Hub(IGrainFactory grains) => grains.GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey);
}
