using System.Net;

namespace Monitor.Collectors.Clients;

/// <summary>
/// TikTok's client access token (<c>POST /v2/oauth/token/</c>, <c>grant_type=client_credentials</c>): fetched with the client key
/// and secret, reused until shortly before the <c>expires_in</c> it came with, and dropped when the API rejects it. Neither the
/// secret nor the token ever goes into a reason.
/// </summary>
internal sealed class TikTokAccessToken(HttpClient http, PlatformOptions options)
{
    // Renewed this long before its stated expiry, so no request leaves with a token about to lapse.
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;

    /// <summary>The cached token, or a new one; on failure null with how the token request went.</summary>
    public async Task<(string? Token, RequestOutcome Outcome, string? Reason, RateLimitInfo RateLimit)> GetAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not null && now < _expiresAt - RenewBefore)
            {
                return (_token, RequestOutcome.Ok, null, RateLimitInfo.None);
            }

            _token = null;
            return await FetchAsync(now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> after the API rejected it (unless a newer one replaced it meanwhile).</summary>
    public void Reject(string token)
    {
        _lock.Wait();
        try
        {
            if (_token == token)
            {
                _token = null;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<(string? Token, RequestOutcome Outcome, string? Reason, RateLimitInfo RateLimit)> FetchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/oauth/token/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_key"] = options.ClientKey ?? string.Empty,
                ["client_secret"] = options.ClientSecret ?? string.Empty,
                ["grant_type"] = "client_credentials",
            }),
        };
        var (response, failure) = await PlatformResponse.SendAsync(http, request, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return (null, RequestOutcome.Failed, $"client access token: {failure}", RateLimitInfo.None);
        }

        using (response)
        {
            var rateLimit = PlatformResponse.ReadRateLimit(response, now);
            var body = await PlatformResponse.ReadAsync(response, CollectorJsonContext.Default.TikTokTokenResponse, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return (null, RequestOutcome.RateLimited, "client access token: rate limited (HTTP 429)",
                    rateLimit with { RetryAt = PlatformResponse.RetryAt(rateLimit, now, TimeSpan.FromMinutes(1)) });
            }

            if (response.IsSuccessStatusCode && body is { AccessToken: { Length: > 0 } token, Error: null or "" })
            {
                _token = token;
                _expiresAt = now + TimeSpan.FromSeconds(body.ExpiresIn is > 0 ? body.ExpiresIn.Value : 7200);
                return (token, RequestOutcome.Ok, null, rateLimit);
            }

            var reason = body?.Error is { Length: > 0 } error
                ? $"client access token refused: {error}{(body.LogId is { Length: > 0 } logId ? $" (log_id {logId})" : string.Empty)}"
                : $"client access token: {PlatformResponse.Describe(response)}";

            // invalid_client and the like: the key or secret is wrong, which retrying soon will not mend.
            var outcome = response.StatusCode >= HttpStatusCode.InternalServerError || body is null && response.IsSuccessStatusCode
                ? RequestOutcome.Failed
                : RequestOutcome.Unauthorized;
            return (null, outcome, reason, rateLimit);
        }
    }
}
