using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Monitor.Collectors.Clients;

/// <summary>What the clients share: sending without throwing, reading JSON without throwing, reading rate-limit headers.</summary>
internal static class PlatformResponse
{
    /// <summary>
    /// Sends <paramref name="request"/> (and disposes it); a connection failure or timeout gives null and a reason, which never
    /// contains the URL: it may hold a token.
    /// </summary>
    public static async Task<(HttpResponseMessage? Response, string? Failure)> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                return (response, null);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (null, $"no answer within {http.Timeout.TotalSeconds:0.#} s");
            }
            catch (HttpRequestException ex) when (Outbound.OutboundAddressRefusedException.IsCauseOf(ex))
            {
                return (null, Outbound.OutboundAddressRefusedException.Reason);
            }
            catch (HttpRequestException ex)
            {
                return (null, $"connection failed ({ex.HttpRequestError})");
            }
            catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or UriFormatException)
            {
                // A base address or id that does not make a valid request: a configuration error, reported without the URL.
                return (null, $"request not sendable ({ex.GetType().Name})");
            }
        }
    }

    /// <summary>The body as <typeparamref name="T"/>, or null when it is not that JSON.</summary>
    public static async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            // A content type that is not JSON.
            return null;
        }
    }

    /// <summary>
    /// The batch's failure when an answer's body could not be read: its status ("HTTP 503") when that is not a success, else
    /// a malformed body. Read the body only from a success, so that a null body means one or the other.
    /// </summary>
    public static BatchPollResult Unread(IReadOnlyList<PollTarget> targets, HttpResponseMessage response, RateLimitInfo rateLimit) =>
        Failed(targets, RequestOutcome.Failed, response.IsSuccessStatusCode ? "malformed response body" : Describe(response), rateLimit);

    /// <summary>
    /// Reads <c>x-rate-limit-remaining</c>/<c>x-rate-limit-reset</c> (X, Mastodon: the header names are case-insensitive),
    /// the IETF draft's <c>ratelimit-remaining</c>/<c>ratelimit-reset</c> (Bluesky) and <c>Retry-After</c>. A reset is a Unix
    /// time in seconds (X), an ISO 8601 time (Mastodon) or, when small, seconds from now (the IETF draft).
    /// </summary>
    public static RateLimitInfo ReadRateLimit(HttpResponseMessage response, DateTimeOffset now)
    {
        var remaining = ReadLong(response, "x-rate-limit-remaining") ?? ReadLong(response, "ratelimit-remaining");
        var reset = ReadTime(response, "x-rate-limit-reset", now) ?? ReadTime(response, "ratelimit-reset", now);
        DateTimeOffset? retryAt = null;
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            retryAt = retryAfter.Delta is { } delta ? now + delta : retryAfter.Date;
        }

        return new RateLimitInfo(remaining, reset, retryAt);
    }

    /// <summary>The result when the gate refused the request: nothing was sent.</summary>
    public static BatchPollResult NotSent(IReadOnlyList<PollTarget> targets) => Failed(targets, RequestOutcome.NotSent, "request budget spent", RateLimitInfo.None);

    /// <summary>The result of a request that read nothing, for every target.</summary>
    public static BatchPollResult Failed(IReadOnlyList<PollTarget> targets, RequestOutcome outcome, string reason, RateLimitInfo rateLimit)
    {
        var status = outcome == RequestOutcome.RateLimited ? PollStatus.RateLimited : PollStatus.Error;
        return new BatchPollResult([.. targets.Select(target => new AccountPollResult(target, status, Reason: reason))], outcome, reason, rateLimit);
    }

    /// <summary>Classifies a status that carries no per-account answer; null when the caller must read the body itself.</summary>
    public static RequestOutcome? ClassifyStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.TooManyRequests => RequestOutcome.RateLimited,
        HttpStatusCode.Unauthorized => RequestOutcome.Unauthorized,
        >= HttpStatusCode.InternalServerError => RequestOutcome.Failed,
        _ => null,
    };

    /// <summary>A short reason for a status: "HTTP 503".</summary>
    public static string Describe(HttpResponseMessage response) => $"HTTP {(int)response.StatusCode}";

    /// <summary>When the rate-limit state says to wait: the retry time after a 429, else the reset time when nothing remains.</summary>
    public static DateTimeOffset? RetryAt(RateLimitInfo info, DateTimeOffset now, TimeSpan fallback) =>
        info.RetryAt ?? info.ResetAt ?? now + fallback;

    private static long? ReadLong(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static DateTimeOffset? ReadTime(HttpResponseMessage response, string name, DateTimeOffset now)
    {
        if (!response.Headers.TryGetValues(name, out var values) || values.FirstOrDefault() is not { Length: > 0 } text)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            // Unix seconds are above 10^9 since 2001; smaller numbers are a delay in seconds (IETF RateLimit draft).
            return number >= 1_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds(number) : now + TimeSpan.FromSeconds(number);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
    }
}
