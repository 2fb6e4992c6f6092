namespace Monitor.Collectors.Clients;

/// <summary>
/// Instagram <c>business_discovery</c>, run on our own professional account (<see cref="PlatformOptions.InstagramUserId"/>)
/// and naming the target by username, one per call. Only Business and Creator accounts can be read; anything else is unavailable.
/// </summary>
public sealed class InstagramClient(HttpClient http, PlatformOptions options) : PlatformClient(Platform.Instagram, http, options)
{
    /// <inheritdoc />
    protected override BatchPollResult? Unaskable(IReadOnlyList<PollTarget> targets) => targets[0].BareHandle is { Length: > 0 }
        ? null
        : One(new AccountPollResult(targets[0], PollStatus.Error, Reason: "business_discovery needs the account's username: set the profile's handle"), RateLimitInfo.None);

    /// <inheritdoc />
    protected override Task<BatchPollResult> PollGrantedAsync(IReadOnlyList<PollTarget> targets, IRequestGate gate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var target = targets[0];
        var fields = Uri.EscapeDataString($"business_discovery.username({target.BareHandle}){{id,username,followers_count,follows_count,media_count}}");
        var request = Get($"{Options.GraphVersion}/{Uri.EscapeDataString(Options.InstagramUserId ?? string.Empty)}?fields={fields}&access_token={Uri.EscapeDataString(Options.AccessToken ?? string.Empty)}");
        return ExchangeAsync(targets, request, now, async (response, rateLimit) =>
        {
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
            return One(result, rateLimit);
        }, cancellationToken);
    }
}
