namespace Monitor.Collectors.Clients;

/// <summary>How the Graph API's error codes map to poll outcomes (Instagram and Facebook share them).</summary>
internal static class GraphApiErrors
{
    // Throttling: app (4), user (17), page (32), and the per-method limit (613); 80001-80014 are business use case limits.
    private static readonly int[] ThrottlingCodes = [4, 17, 32, 613];

    /// <summary>The result of an error answer for <paramref name="targets"/> (one target: these calls read one account each).</summary>
    public static BatchPollResult Classify(IReadOnlyList<PollTarget> targets, GraphError? error, string status, RateLimitInfo rateLimit, DateTimeOffset now)
    {
        var code = error?.Code;
        var message = error?.Message ?? status;
        if (code is { } c && (ThrottlingCodes.Contains(c) || c is >= 80001 and <= 80014))
        {
            // Graph throttling carries no reset time in the body; an hour matches the rolling window of platform limits.
            return PlatformResponse.Failed(targets, RequestOutcome.RateLimited, $"throttled (code {c})", rateLimit with { RetryAt = rateLimit.RetryAt ?? now + TimeSpan.FromHours(1) });
        }

        if (code is 190 or 102 or 10 or 200)
        {
            return PlatformResponse.Failed(targets, RequestOutcome.Unauthorized, $"access token rejected (code {code})", rateLimit);
        }

        if (code is 100 or 110 or 803 || error?.ErrorSubcode is 2207013)
        {
            return new BatchPollResult([.. targets.Select(t => new AccountPollResult(t, PollStatus.NotFound, Reason: message))], RequestOutcome.Ok, null, rateLimit);
        }

        return PlatformResponse.Failed(targets, RequestOutcome.Failed, $"{status}: {message}", rateLimit);
    }

    /// <summary>Reads the error body of a non-success answer.</summary>
    public static Task<GraphErrorResponse?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        PlatformResponse.ReadAsync(response, CollectorJsonContext.Default.GraphErrorResponse, cancellationToken);
}
