using Monitor.Abstractions.Accounts;
using Monitor.Collectors.Contracts;
using Monitor.Collectors.Hosting;
using Monitor.Collectors.Polling;
using Monitor.Core.Accounts;

namespace Monitor.Collectors.Clients;

/// <summary>
/// Facebook Page fields <c>followers_count</c> and <c>fan_count</c> (page likes), one Page per call, Graph API token with
/// Page Public Metadata Access for Pages we do not manage. Followers are <c>followers_count</c>, never the likes.
/// </summary>
public sealed class FacebookClient(HttpClient http, PlatformOptions options) : IPlatformClient
{
    /// <inheritdoc />
    public Platform Platform => Platform.Facebook;

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

        if (!gate.TryTake())
        {
            return PlatformResponse.Failed(targets, RequestOutcome.NotSent, "request budget spent", RateLimitInfo.None);
        }

        var target = targets[0];
        var page = target.IsUnresolved ? target.Id[1..] : target.Id;
        var (response, failure) = await PlatformResponse.GetAsync(http,
            $"{options.GraphVersion}/{Uri.EscapeDataString(page)}?fields=id,username,name,followers_count,fan_count&access_token={Uri.EscapeDataString(options.AccessToken ?? string.Empty)}",
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
            return new BatchPollResult([result], RequestOutcome.Ok, null, rateLimit);
        }
    }
}
