using System.Net;
using Monitor.Abstractions.Accounts;
using Monitor.Collectors.Contracts;
using Monitor.Collectors.Hosting;
using Monitor.Collectors.Polling;
using Monitor.Core.Accounts;

namespace Monitor.Collectors.Clients;

/// <summary>
/// Mastodon <c>GET /api/v1/accounts/:id</c> on the account's home server (keys are <c>server:id</c>; other servers hold
/// stale copies), one account per call, no auth. <see cref="PlatformOptions.BaseUrl"/> may hold <c>{server}</c>; without it
/// every server maps to that one address (tests), and when empty it is <c>https://{server}/</c>.
/// </summary>
public sealed class MastodonClient(HttpClient http, PlatformOptions options) : IPlatformClient
{
    /// <inheritdoc />
    public Platform Platform => Platform.Mastodon;

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
        var separator = target.Id.LastIndexOf(':');
        if (target.IsUnresolved || separator <= 0)
        {
            return new BatchPollResult([new AccountPollResult(target, PollStatus.Error, Reason: "a mastodon account is polled by 'server:id'; register it with its home server's id")],
                RequestOutcome.Ok, null, RateLimitInfo.None);
        }

        if (!gate.TryTake())
        {
            return PlatformResponse.Failed(targets, RequestOutcome.NotSent, "request budget spent", RateLimitInfo.None);
        }

        var server = target.Id[..separator];
        var id = target.Id[(separator + 1)..];
        var (response, failure) = await PlatformResponse.GetAsync(http, $"{ServerBase(server)}api/v1/accounts/{Uri.EscapeDataString(id)}", null, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return PlatformResponse.Failed(targets, RequestOutcome.Failed, failure!, RateLimitInfo.None);
        }

        using (response)
        {
            var rateLimit = PlatformResponse.ReadRateLimit(response, now);
            switch (response.StatusCode)
            {
                case HttpStatusCode.NotFound:
                    return One(target, PollStatus.NotFound, "account not found on its home server (HTTP 404)", rateLimit);
                case HttpStatusCode.Gone:
                    return One(target, PollStatus.Suspended, "account suspended (HTTP 410)", rateLimit);
                case HttpStatusCode.TooManyRequests:
                    return PlatformResponse.Failed(targets, RequestOutcome.RateLimited, "rate limited (HTTP 429)",
                        rateLimit with { RetryAt = rateLimit.RetryAt ?? rateLimit.ResetAt ?? now + TimeSpan.FromMinutes(5) });
                case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                    // Servers with DISALLOW_UNAUTHENTICATED_API_ACCESS or limited federation: this server will not answer us.
                    return PlatformResponse.Failed(targets, RequestOutcome.Unauthorized, $"server {server} requires authentication ({PlatformResponse.Describe(response)})", rateLimit);
            }

            if (!response.IsSuccessStatusCode)
            {
                return PlatformResponse.Failed(targets, RequestOutcome.Failed, PlatformResponse.Describe(response), rateLimit);
            }

            var account = await PlatformResponse.ReadAsync(response, CollectorJsonContext.Default.MastodonAccount, cancellationToken).ConfigureAwait(false);
            if (account is null)
            {
                return PlatformResponse.Failed(targets, RequestOutcome.Failed, "malformed response body", rateLimit);
            }

            if (account.Suspended == true)
            {
                return One(target, PollStatus.Suspended, "account suspended", rateLimit, account.Acct);
            }

            if (account.Moved is { ValueKind: System.Text.Json.JsonValueKind.Object } moved)
            {
                var to = moved.TryGetProperty("acct", out var acct) ? acct.GetString() : null;
                return One(target, PollStatus.NotFound, $"account moved to {to ?? "another account"}", rateLimit, account.Acct);
            }

            if (account.FollowersCount is null)
            {
                return One(target, PollStatus.Hidden, "no followers_count in the answer", rateLimit, account.Acct);
            }

            var counts = new AccountCounts(account.FollowersCount, account.FollowingCount, account.StatusesCount);
            return new BatchPollResult([new AccountPollResult(target, PollStatus.Ok, counts, Handle: account.Acct)], RequestOutcome.Ok, null, rateLimit);
        }
    }

    private string ServerBase(string server)
    {
        var template = string.IsNullOrWhiteSpace(options.BaseUrl) ? "https://{server}/" : options.BaseUrl;
        var url = template.Replace("{server}", server, StringComparison.Ordinal);
        return url.EndsWith('/') ? url : url + "/";
    }

    private static BatchPollResult One(PollTarget target, PollStatus status, string reason, RateLimitInfo rateLimit, string? handle = null) =>
        new([new AccountPollResult(target, status, Reason: reason, Handle: handle)], RequestOutcome.Ok, null, rateLimit);
}
