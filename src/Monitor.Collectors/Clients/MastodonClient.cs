using System.Net;

namespace Monitor.Collectors.Clients;

/// <summary>
/// Mastodon <c>GET /api/v1/accounts/:id</c> on the account's home server (keys are <c>server:id</c>; other servers hold
/// stale copies), one account per call, no auth. <see cref="PlatformOptions.BaseUrl"/> may hold <c>{server}</c>; without it
/// every server maps to that one address (tests), and when empty it is <c>https://{server}/</c>.
/// </summary>
public sealed class MastodonClient(HttpClient http, PlatformOptions options) : PlatformClient(Platform.Mastodon, http, options)
{
    /// <inheritdoc />
    protected override BatchPollResult? Unaskable(IReadOnlyList<PollTarget> targets) => targets[0].IsUnresolved || targets[0].Id.LastIndexOf(':') <= 0
        ? One(new AccountPollResult(targets[0], PollStatus.Error, Reason: "a mastodon account is polled by 'server:id'; register it with its home server's id"), RateLimitInfo.None)
        : null;

    /// <inheritdoc />
    protected override Task<BatchPollResult> PollGrantedAsync(IReadOnlyList<PollTarget> targets, IRequestGate gate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var target = targets[0];
        var separator = target.Id.LastIndexOf(':');
        var server = target.Id[..separator];
        var id = target.Id[(separator + 1)..];
        return ExchangeAsync(targets, Get($"{ServerBase(server)}api/v1/accounts/{Uri.EscapeDataString(id)}"), now, async (response, rateLimit) =>
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.NotFound:
                    return Unavailable(target, PollStatus.NotFound, "account not found on its home server (HTTP 404)", rateLimit);
                case HttpStatusCode.Gone:
                    return Unavailable(target, PollStatus.Suspended, "account suspended (HTTP 410)", rateLimit);
                case HttpStatusCode.TooManyRequests:
                    return PlatformResponse.Failed(targets, RequestOutcome.RateLimited, "rate limited (HTTP 429)",
                        rateLimit with { RetryAt = PlatformResponse.RetryAt(rateLimit, now, TimeSpan.FromMinutes(5)) });
                case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                    // Servers with DISALLOW_UNAUTHENTICATED_API_ACCESS or limited federation: this server will not answer us.
                    return PlatformResponse.Failed(targets, RequestOutcome.Unauthorized, $"server {server} requires authentication ({PlatformResponse.Describe(response)})", rateLimit);
            }

            var account = response.IsSuccessStatusCode
                ? await PlatformResponse.ReadAsync(response, CollectorJsonContext.Default.MastodonAccount, cancellationToken).ConfigureAwait(false)
                : null;
            if (account is null)
            {
                return PlatformResponse.Unread(targets, response, rateLimit);
            }

            if (account.Suspended == true)
            {
                return Unavailable(target, PollStatus.Suspended, "account suspended", rateLimit, account.Acct);
            }

            if (account.Moved is { ValueKind: System.Text.Json.JsonValueKind.Object } moved)
            {
                var to = moved.TryGetProperty("acct", out var acct) ? acct.GetString() : null;
                return Unavailable(target, PollStatus.NotFound, $"account moved to {to ?? "another account"}", rateLimit, account.Acct);
            }

            if (account.FollowersCount is null)
            {
                return Unavailable(target, PollStatus.Hidden, "no followers_count in the answer", rateLimit, account.Acct);
            }

            var counts = new AccountCounts(account.FollowersCount, account.FollowingCount, account.StatusesCount);
            return One(new AccountPollResult(target, PollStatus.Ok, counts, Handle: account.Acct), rateLimit);
        }, cancellationToken);
    }

    private string ServerBase(string server)
    {
        var template = string.IsNullOrWhiteSpace(Options.BaseUrl) ? "https://{server}/" : Options.BaseUrl;
        var url = template.Replace("{server}", server, StringComparison.Ordinal);
        return url.EndsWith('/') ? url : url + "/";
    }

    private static BatchPollResult Unavailable(PollTarget target, PollStatus status, string reason, RateLimitInfo rateLimit, string? handle = null) =>
        One(new AccountPollResult(target, status, Reason: reason, Handle: handle), rateLimit);
}
