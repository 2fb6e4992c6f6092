using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Monitor.Collectors.Clients;

/// <summary>
/// TikTok Research API <c>POST /v2/research/user/info/</c>, one username per call, with a client access token (scope
/// <c>research.data.basic</c>) from <c>/v2/oauth/token/</c>, cached until it expires and fetched again when the API rejects it.
/// The answer carries no stable id, so the account key is the username (<c>tiktok:presidentaz</c>); posts are videos, and
/// <c>likes_count</c> travels as <see cref="AccountCounts.Likes"/>. Errors are TikTok's error struct (<c>code</c>,
/// <c>message</c>, <c>log_id</c>); <c>invalid_params</c> for a username is an unavailable account, never 0 followers.
/// </summary>
public sealed class TikTokClient(HttpClient http, PlatformOptions options) : PlatformClient(Platform.TikTok, http, options)
{
    /// <summary>The user info fields asked for.</summary>
    public const string Fields = "display_name,bio_description,avatar_url,is_verified,follower_count,following_count,likes_count,video_count";

    private readonly TikTokAccessToken _token = new(http, options);

    /// <inheritdoc />
    protected override async Task<BatchPollResult> PollGrantedAsync(IReadOnlyList<PollTarget> targets, IRequestGate gate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The token request is not a Research API call: it does not draw on the daily quota the gate guards.
        var (token, outcome, reason, rateLimit) = await _token.GetAsync(now, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return PlatformResponse.Failed(targets, outcome, reason!, rateLimit);
        }

        var (result, rejected) = await AskAsync(targets, token, now, cancellationToken).ConfigureAwait(false);
        if (!rejected)
        {
            return result;
        }

        // An expired or revoked token: fetch a new one and ask once more (a second request, so the gate is asked again).
        _token.Reject(token);
        if (!gate.TryTake())
        {
            return PlatformResponse.NotSent(targets);
        }

        (token, outcome, reason, rateLimit) = await _token.GetAsync(now, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return PlatformResponse.Failed(targets, outcome, reason!, rateLimit);
        }

        (result, rejected) = await AskAsync(targets, token, now, cancellationToken).ConfigureAwait(false);
        return rejected
            ? PlatformResponse.Failed(targets, RequestOutcome.Unauthorized, result.Reason ?? "client access token rejected", result.RateLimit)
            : result;
    }

    // The result, and whether the API rejected the token itself (so a new one may succeed).
    private async Task<(BatchPollResult Result, bool TokenRejected)> AskAsync(IReadOnlyList<PollTarget> targets, string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var target = targets[0];
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/research/user/info/?fields=" + Fields)
        {
            Content = JsonContent.Create(new Dictionary<string, string> { ["username"] = target.Id.TrimStart('@') }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var rejected = false;
        var result = await ExchangeAsync(targets, request, now, async (response, rateLimit) =>
        {
            var body = await PlatformResponse.ReadAsync(response, CollectorJsonContext.Default.TikTokUserInfoResponse, cancellationToken).ConfigureAwait(false);
            var error = body?.Error is { Code: { Length: > 0 } code } && code != "ok" ? body.Error : null;
            var said = error is null ? PlatformResponse.Describe(response) : Describe(error);
            if (response.StatusCode == HttpStatusCode.TooManyRequests || error?.Code == "rate_limit_exceeded")
            {
                // The Research API's quota is daily and its error names no reset time: Retry-After when sent, else the next UTC day.
                return PlatformResponse.Failed(targets, RequestOutcome.RateLimited, $"rate limited ({said})",
                    rateLimit with { RetryAt = rateLimit.RetryAt ?? rateLimit.ResetAt ?? NextUtcMidnight(now) });
            }

            if (error?.Code == "access_token_invalid" || response.StatusCode == HttpStatusCode.Unauthorized && error?.Code is null)
            {
                rejected = true;
                return PlatformResponse.Failed(targets, RequestOutcome.Unauthorized, $"client access token rejected ({said})", rateLimit);
            }

            if (error?.Code is "scope_not_authorized" or "scope_permission_missed" || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return PlatformResponse.Failed(targets, RequestOutcome.Unauthorized, $"client lacks research.data.basic ({said})", rateLimit);
            }

            if (error?.Code == "invalid_params")
            {
                // The username is the only parameter that varies: TikTok has no account readable under it (unknown, renamed, private or banned).
                return One(new AccountPollResult(target, PollStatus.NotFound, Reason: said), rateLimit);
            }

            if (!response.IsSuccessStatusCode || error is not null)
            {
                return PlatformResponse.Failed(targets, RequestOutcome.Failed, said, rateLimit);
            }

            return body switch
            {
                null => PlatformResponse.Failed(targets, RequestOutcome.Failed, "malformed response body", rateLimit),
                { Data: null } => One(new AccountPollResult(target, PollStatus.NotFound, Reason: "no user data in the answer"), rateLimit),
                { Data.FollowerCount: null } => One(new AccountPollResult(target, PollStatus.Hidden, Reason: "no follower_count in the answer"), rateLimit),
                { Data: var user } => One(new AccountPollResult(target, PollStatus.Ok,
                    new AccountCounts(user.FollowerCount, user.FollowingCount, user.VideoCount, Likes: user.LikesCount)), rateLimit),
            };
        }, cancellationToken).ConfigureAwait(false);
        return (result, rejected);
    }

    private static string Describe(TikTokError error) =>
        $"{error.Code}: {error.Message}{(error.LogId is { Length: > 0 } logId ? $" (log_id {logId})" : string.Empty)}";

    private static DateTimeOffset NextUtcMidnight(DateTimeOffset now) => new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
}
