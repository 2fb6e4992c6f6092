namespace Monitor.Collectors.Clients;

/// <summary>
/// Facebook Page fields <c>followers_count</c> and <c>fan_count</c> (page likes), one Page per call, Graph API token with
/// Page Public Metadata Access for Pages we do not manage. Followers are <c>followers_count</c>, never the likes.
/// </summary>
public sealed class FacebookClient(HttpClient http, PlatformOptions options) : PlatformClient(Platform.Facebook, http, options)
{
    /// <inheritdoc />
    protected override Task<BatchPollResult> PollGrantedAsync(IReadOnlyList<PollTarget> targets, IRequestGate gate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var target = targets[0];
        var page = target.IsUnresolved ? target.Id[1..] : target.Id;
        var request = Get($"{Options.GraphVersion}/{Uri.EscapeDataString(page)}?fields=id,username,name,followers_count,fan_count&access_token={Uri.EscapeDataString(Options.AccessToken ?? string.Empty)}");
        return ExchangeAsync(targets, request, now, async (response, rateLimit) =>
        {
            if (!response.IsSuccessStatusCode)
            {
                var error = await GraphApiErrors.ReadAsync(response, cancellationToken).ConfigureAwait(false);
                return GraphApiErrors.Classify(targets, error?.Error, PlatformResponse.Describe(response), rateLimit, now);
            }

            var body = await PlatformResponse.ReadAsync(response, CollectorJsonContext.Default.GraphPage, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return PlatformResponse.Failed(targets, RequestOutcome.Failed, "malformed response body", rateLimit);
            }

            AccountPollResult result = body.FollowersCount is null
                ? new AccountPollResult(target, PollStatus.Hidden, Reason: "no followers_count (the app may lack Page Public Metadata Access)", Handle: body.Username)
                : new AccountPollResult(target, PollStatus.Ok, new AccountCounts(body.FollowersCount, null, null), Handle: body.Username,
                    ResolvedId: target.IsUnresolved ? body.Id : null);
            return One(result, rateLimit);
        }, cancellationToken);
    }
}
