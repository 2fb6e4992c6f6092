using System.Globalization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Monitor.Abstractions.Alerts;
using Monitor.AccessControl;

namespace Monitor.Api;

/// <summary>
/// <c>GET /api/alerts/stream</c>: alert changes as Server-Sent Events (event = change, id = sequence, data = the change as JSON),
/// resumable with <c>Last-Event-ID</c> (or <c>?after=</c>; <c>?after=0</c> replays the whole log), with heartbeat comments.
/// The stream ends when the key it was opened with is revoked or expires (or, opened in open trial mode, when that ends).
/// </summary>
public static class AlertStreamEndpoint
{
    /// <summary>Maps the stream.</summary>
    public static IEndpointRouteBuilder MapAlertStreamEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/alerts/stream", Open)
            .WithTags("Alerts")
            .Produces<AlertChange>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesValidationProblem()
            .WithSummary("Live alert changes as Server-Sent Events; resume with Last-Event-ID or ?after=<sequence>.")
            .RequireAuthorization(MonitorPolicies.Reader);
        return routes;
    }

    private static IResult Open(
        HttpRequest request,
        long? after,
        IAlertChangeFeed feed,
        IOptions<AlertStreamOptions> streamOptions,
        IOptions<JsonOptions> jsonOptions,
        IHostApplicationLifetime lifetime,
        KeyRing keys)
    {
        if (after is < 0)
        {
            return ApiProblems.InvalidField("after", after, "must be a sequence number (0 or more)");
        }

        var resumeAfter = after;
        var lastEventId = request.Headers["Last-Event-ID"].ToString();
        if (lastEventId.Length > 0)
        {
            if (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return ApiProblems.InvalidField("Last-Event-ID", lastEventId, "must be the id (a sequence number) of an event this stream sent");
            }

            resumeAfter = sequence;
        }

        // The stream lives on after authorization: it re-checks the credential it was opened with before each write.
        var presented = ApiKeyAuthenticationHandler.ReadPresentedKey(request);
        Func<CancellationToken, ValueTask<bool>> stillAllowed = presented is null
            ? keys.IsOpenAsync
            : async cancellationToken => (await keys.VerifyAsync(presented, cancellationToken)).Check == KeyCheck.Valid;
        return new AlertStreamResult(
            feed, resumeAfter, streamOptions.Value.HeartbeatInterval, jsonOptions.Value.SerializerOptions, stillAllowed, lifetime.ApplicationStopping);
    }
}
