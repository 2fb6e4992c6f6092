using Monitor.Abstractions.Accounts;
using Monitor.Collectors.Contracts;
using Monitor.Collectors.Hosting;
using Monitor.Collectors.Polling;
using Monitor.Core.Accounts;

namespace Monitor.Collectors.Clients;

/// <summary>
/// Instagram <c>business_discovery</c>, run on our own professional account (<see cref="PlatformOptions.InstagramUserId"/>)
/// and naming the target by username, one per call. Only Business and Creator accounts can be read; anything else is unavailable.
/// </summary>
public sealed class InstagramClient(HttpClient http, PlatformOptions options) : IPlatformClient
{
    /// <inheritdoc />
    public Platform Platform => Platform.Instagram;

    /// <inheritdoc />
    public int MaxBatchSize => 1;

    /// <inheritdoc />
    public async Task<BatchPollResult> PollAsync(IReadOnlyList<PollTarget> targets, IRequestGate gate, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targets.Count, MaxBatchSize, nameof(targets));
        if (targets.Count == 0)
        {
            return new BatchPollResult([], RequestOutcome.Ok, null, RateLimitInfo.None);
        }

        var target = targets[0];
        if (target.BareHandle is not { Length: > 0 } username)
        {
            return new BatchPollResult([new AccountPollResult(target, PollStatus.Error, Reason: "business_discovery needs the account's username: set the profile's handle")],
                RequestOutcome.Ok, null, RateLimitInfo.None);
        }

        if (!gate.TryTake())
        {
            return PlatformResponse.Failed(targets, RequestOutcome.NotSent, "request budget spent", RateLimitInfo.None);
        }

        var fields = Uri.EscapeDataString($"business_discovery.username({username}){{id,username,followers_count,follows_count,media_count}}");
        var (response, failure) = await PlatformResponse.GetAsync(http,
            $"{options.GraphVersion}/{Uri.EscapeDataString(options.InstagramUserId ?? string.Empty)}?fields={fields}&access_token={Uri.EscapeDataString(options.AccessToken ?? string.Empty)}",
            null, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return PlatformResponse.Failed(targets, RequestOutcome.Failed, failure!, RateLimitInfo.None);
        }

        using (response)
        {
            var rateLimit = PlatformResponse.ReadRateLimit(response, now);
            if (!response.IsSuccessStatusCode)
            {
                var error = await GraphApiErrors.ReadAsync(response, cancellationToken).ConfigureAwait(false);
                return response.StatusCode == System.Net.HttpStatusCode.TooManyRequests
                    ? PlatformResponse.Failed(targets, RequestOutcome.RateLimited, "rate limited (HTTP 429)", rateLimit with { RetryAt = rateLimit.RetryAt ?? now + TimeSpan.FromHours(1) })
                    : GraphApiErrors.Classify(targets, error?.Error, PlatformResponse.Describe(response), rateLimit, now);
            }

            var body = await PlatformResponse.ReadAsync(response, CollectorJsonContext.Default.GraphBusinessDiscoveryResponse, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return PlatformResponse.Failed(targets, RequestOutcome.Failed, "malformed response body", rateLimit);
            }

            var user = body.BusinessDiscovery;
            AccountPollResult result = user switch
            {
                null => new AccountPollResult(target, PollStatus.NotFound, Reason: "no business_discovery data (not a Business or Creator account)"),
                { FollowersCount: null } => new AccountPollResult(target, PollStatus.Hidden, Reason: "no followers_count in business_discovery", Handle: user.Username),
                _ => new AccountPollResult(target, PollStatus.Ok, new AccountCounts(user.FollowersCount, user.FollowsCount, user.MediaCount),
                    Handle: user.Username, ResolvedId: target.IsUnresolved ? user.Id : null),
            };
            return new BatchPollResult([result], RequestOutcome.Ok, null, rateLimit);
        }
    }
}
