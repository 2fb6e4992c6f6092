namespace Monitor.Core.Collection;

/// <summary>
/// When a platform is down rather than one account: <see cref="FailedRequestsToOpen"/> failed requests in a row (a failed
/// request leaves every account it carried due, so the run covers every due account of the platform) open an outage, and
/// the first answered request resolves it. A rate limit (429) is flow control, not an outage, and neither counts nor resets.
/// </summary>
/// <remarks>
/// The state is the run of failures and the open outage, both plain values the collector persists; nothing here does I/O.
/// </remarks>
public sealed class PlatformOutageRule
{
    /// <summary>Creates the rule.</summary>
    public PlatformOutageRule(int failedRequestsToOpen)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedRequestsToOpen, 1);
        FailedRequestsToOpen = failedRequestsToOpen;
    }

    /// <summary>Failed requests in a row after which the platform is in an outage.</summary>
    public int FailedRequestsToOpen { get; }

    /// <summary>
    /// Applies one request that failed at <paramref name="at"/> for <paramref name="reason"/>, given the run of failures
    /// before it (<paramref name="failedBefore"/>, which began at <paramref name="failingSince"/>) and the open outage, if
    /// any. Returns the outage after the request and whether it has just opened (the one change to announce).
    /// </summary>
    public (PlatformOutage? Outage, bool Opened) Failed(string platform, PlatformOutage? open, int failedBefore, DateTimeOffset? failingSince, string? reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(platform);
        ArgumentOutOfRangeException.ThrowIfNegative(failedBefore);
        var failed = failedBefore + 1;
        if (open is { IsOpen: true })
        {
            return (open with { FailedRequests = failed, Reason = reason ?? open.Reason }, false);
        }

        return failed >= FailedRequestsToOpen
            ? (new PlatformOutage(platform, failingSince ?? at, null, failed, reason), true)
            : (null, false);
    }

    /// <summary>Applies a request answered at <paramref name="at"/>: an open outage resolves then; returns it resolved, or null.</summary>
    public static PlatformOutage? Answered(PlatformOutage? open, DateTimeOffset at) =>
        open is { IsOpen: true } ? open with { End = at < open.Start ? open.Start : at } : null;
}
