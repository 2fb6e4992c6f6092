using System.Net;

namespace Monitor.Collectors.Clients;

/// <summary>
/// Bluesky <c>app.bsky.actor.getProfiles</c> (25 actors per call, no auth) on the public AppView. The batch silently drops
/// actors it cannot resolve; each dropped one is asked again with <c>getProfile</c>, whose error says whether it was taken
/// down, deactivated or never existed.
/// </summary>
public sealed class BlueskyClient(HttpClient http, PlatformOptions options) : PlatformClient(Platform.Bluesky, http, options)
{
    /// <summary>The lexicon's <c>maxLength</c> of <c>actors</c>.</summary>
    public const int DocumentedBatchSize = 25;

    /// <inheritdoc />
    public override int MaxBatchSize => BatchSizeUpTo(DocumentedBatchSize);

    /// <inheritdoc />
    protected override Task<BatchPollResult> PollGrantedAsync(IReadOnlyList<PollTarget> targets, IRequestGate gate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = string.Join('&', targets.Select(t => "actors=" + Uri.EscapeDataString(Actor(t))));
        return ExchangeAsync(targets, Get("xrpc/app.bsky.actor.getProfiles?" + query), now, async (response, rateLimit) =>
        {
            if (PlatformResponse.ClassifyStatus(response.StatusCode) is { } outcome)
            {
                return PlatformResponse.Failed(targets, outcome, PlatformResponse.Describe(response),
                    outcome == RequestOutcome.RateLimited ? rateLimit with { RetryAt = rateLimit.RetryAt ?? rateLimit.ResetAt } : rateLimit);
            }

            var body = response.IsSuccessStatusCode
                ? await PlatformResponse.ReadAsync(response, CollectorJsonContext.Default.BlueskyProfilesResponse, cancellationToken).ConfigureAwait(false)
                : null;
            if (body?.Profiles is null)
            {
                return PlatformResponse.Unread(targets, response, rateLimit);
            }

            var results = new List<AccountPollResult>(targets.Count);
            foreach (var target in targets)
            {
                var profile = body.Profiles.FirstOrDefault(p => target.IsUnresolved
                    ? string.Equals(p.Handle, target.Id[1..], StringComparison.OrdinalIgnoreCase)
                    : p.Did == target.Id);
                results.Add(profile is not null
                    ? ToResult(target, profile)
                    : await AskOneAsync(target, gate, cancellationToken).ConfigureAwait(false));
            }

            return new BatchPollResult(results, RequestOutcome.Ok, null, rateLimit);
        }, cancellationToken);
    }

    private static string Actor(PollTarget target) => target.IsUnresolved ? target.Id[1..] : target.Id;

    private static AccountPollResult ToResult(PollTarget target, BlueskyProfile profile) =>
        profile.FollowersCount is null
            ? new AccountPollResult(target, PollStatus.Hidden, Reason: "profile without a followers count", Handle: profile.Handle,
                ResolvedId: target.IsUnresolved ? profile.Did : null)
            : new AccountPollResult(target, PollStatus.Ok, new AccountCounts(profile.FollowersCount, profile.FollowsCount, profile.PostsCount),
                Handle: profile.Handle, ResolvedId: target.IsUnresolved ? profile.Did : null);

    private async Task<AccountPollResult> AskOneAsync(PollTarget target, IRequestGate gate, CancellationToken cancellationToken)
    {
        const string Missing = "missing from getProfiles (unknown, taken down or deactivated)";
        if (!gate.TryTake())
        {
            return new AccountPollResult(target, PollStatus.NotFound, Reason: Missing);
        }

        var (response, failure) = await PlatformResponse.SendAsync(Http, Get("xrpc/app.bsky.actor.getProfile?actor=" + Uri.EscapeDataString(Actor(target))), cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return new AccountPollResult(target, PollStatus.NotFound, Reason: $"{Missing}; getProfile failed: {failure}");
        }

        using (response)
        {
            if (response.IsSuccessStatusCode
                && await PlatformResponse.ReadAsync(response, CollectorJsonContext.Default.BlueskyProfile, cancellationToken).ConfigureAwait(false) is { } profile)
            {
                return ToResult(target, profile);
            }

            if (response.StatusCode == HttpStatusCode.BadRequest
                && await PlatformResponse.ReadAsync(response, CollectorJsonContext.Default.XrpcError, cancellationToken).ConfigureAwait(false) is { } error)
            {
                return error.Error switch
                {
                    "AccountTakedown" => new AccountPollResult(target, PollStatus.Suspended, Reason: error.Message ?? "account taken down"),
                    "AccountDeactivated" => new AccountPollResult(target, PollStatus.NotFound, Reason: error.Message ?? "account deactivated"),
                    _ => new AccountPollResult(target, PollStatus.NotFound, Reason: error.Message ?? "profile not found"),
                };
            }

            return new AccountPollResult(target, PollStatus.NotFound, Reason: $"{Missing}; getProfile answered {PlatformResponse.Describe(response)}");
        }
    }
}
