using System.Net;
using System.Net.Http.Headers;

namespace Monitor.Collectors.Clients;

/// <summary>
/// X API v2 users lookup: <c>GET /2/users?ids=</c> (resolved accounts) or <c>/2/users/by?usernames=</c> (handles), up to 100
/// per call, app-only bearer token. Partial success is a 200 with <c>data</c> and <c>errors</c>; a user in neither is not found.
/// </summary>
public sealed class XClient(HttpClient http, PlatformOptions options) : PlatformClient(Platform.X, http, options)
{
    /// <summary>The documented maximum of ids or usernames per request.</summary>
    public const int DocumentedBatchSize = 100;

    /// <inheritdoc />
    public override int MaxBatchSize => BatchSizeUpTo(DocumentedBatchSize);

    /// <inheritdoc />
    protected override void CheckBatch(IReadOnlyList<PollTarget> targets)
    {
        if (targets.Count > MaxBatchSize || targets.Any(t => t.IsUnresolved) && targets.Any(t => !t.IsUnresolved))
        {
            throw new ArgumentException($"An X batch is at most {MaxBatchSize} targets, all ids or all handles.", nameof(targets));
        }
    }

    /// <inheritdoc />
    protected override Task<BatchPollResult> PollGrantedAsync(IReadOnlyList<PollTarget> targets, IRequestGate gate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var byHandle = targets[0].IsUnresolved;
        var list = string.Join(',', targets.Select(t => Uri.EscapeDataString(byHandle ? t.Id[1..] : t.Id)));
        var request = Get(byHandle
            ? $"2/users/by?usernames={list}&user.fields=public_metrics,protected"
            : $"2/users?ids={list}&user.fields=public_metrics,protected");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.BearerToken);
        return ExchangeAsync(targets, request, now, async (response, rateLimit) =>
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // X's reset header is the exact end of the window; Retry-After, when sent, wins.
                return PlatformResponse.Failed(targets, RequestOutcome.RateLimited, "rate limited (HTTP 429)",
                    rateLimit with { RetryAt = PlatformResponse.RetryAt(rateLimit, now, TimeSpan.FromMinutes(15)) });
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return PlatformResponse.Failed(targets, RequestOutcome.Unauthorized, $"bearer token rejected ({PlatformResponse.Describe(response)})", rateLimit);
            }

            var body = response.IsSuccessStatusCode
                ? await PlatformResponse.ReadAsync(response, CollectorJsonContext.Default.XUsersResponse, cancellationToken).ConfigureAwait(false)
                : null;
            if (body is null)
            {
                return PlatformResponse.Unread(targets, response, rateLimit);
            }

            return new BatchPollResult([.. targets.Select(target => Classify(target, body, byHandle))], RequestOutcome.Ok, null, rateLimit);
        }, cancellationToken);
    }

    private static AccountPollResult Classify(PollTarget target, XUsersResponse body, bool byHandle)
    {
        var wanted = byHandle ? target.Id[1..] : target.Id;
        var user = body.Data?.FirstOrDefault(u => byHandle
            ? string.Equals(u.Username, wanted, StringComparison.OrdinalIgnoreCase)
            : u.Id == wanted);
        if (user is not null)
        {
            var resolved = byHandle ? user.Id : null;
            if (user.PublicMetrics is not { FollowersCount: not null } metrics)
            {
                return new AccountPollResult(target, user.Protected == true ? PollStatus.Hidden : PollStatus.Error,
                    Reason: user.Protected == true ? "protected account without public metrics" : "no public_metrics in the answer",
                    Handle: user.Username, ResolvedId: resolved);
            }

            var counts = new AccountCounts(metrics.FollowersCount, metrics.FollowingCount, metrics.PostCount ?? metrics.TweetCount);
            return new AccountPollResult(target, PollStatus.Ok, counts, Handle: user.Username, ResolvedId: resolved);
        }

        var problem = body.Errors?.FirstOrDefault(e =>
            string.Equals(e.Value, wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(e.ResourceId, wanted, StringComparison.OrdinalIgnoreCase));
        if (problem is null)
        {
            return new AccountPollResult(target, PollStatus.NotFound, Reason: "missing from the batch response");
        }

        // The detail wording of suspensions is not documented exactly: classify on it, but never store it as a count.
        var text = $"{problem.Title} {problem.Detail} {problem.Type}";
        var suspended = text.Contains("suspend", StringComparison.OrdinalIgnoreCase) || text.Contains("forbidden", StringComparison.OrdinalIgnoreCase);
        return new AccountPollResult(target, suspended ? PollStatus.Suspended : PollStatus.NotFound, Reason: problem.Detail ?? problem.Title);
    }
}
