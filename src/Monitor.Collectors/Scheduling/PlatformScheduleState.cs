using Monitor.Core.Collection;

namespace Monitor.Collectors.Scheduling;

/// <summary>
/// The durable schedule of one platform's collector: when each account is next due, the requests sent in the budget
/// window, and why the platform is paused (rate limit, backoff, open circuit).
/// </summary>
public sealed class PlatformScheduleState
{
    /// <summary>Next poll time per account key; an account not listed is due now.</summary>
    public Dictionary<string, DateTimeOffset> NextPollAt { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When each request of the current budget window was sent (oldest first).</summary>
    public List<DateTimeOffset> RequestTimes { get; set; } = [];

    /// <summary>No request before this time: the platform's rate-limit headers said so.</summary>
    public DateTimeOffset? RateLimitedUntil { get; set; }

    /// <summary>No request before this time: jittered backoff after a failed request.</summary>
    public DateTimeOffset? BackoffUntil { get; set; }

    /// <summary>Failed requests in a row.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>While set and in the future, the circuit is open: the platform is not called at all.</summary>
    public DateTimeOffset? CircuitOpenUntil { get; set; }

    /// <summary>Requests left according to the platform's last <c>x-rate-limit-remaining</c>, if it sent one.</summary>
    public long? PlatformRemaining { get; set; }

    /// <summary>The last request-level failure, for the status endpoint.</summary>
    public string? LastFailure { get; set; }

    /// <summary>When the current run of failed requests began (null after an answered request).</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>The platform's open outage (<see cref="PlatformOutageRule"/>), if any.</summary>
    public PlatformOutage? Outage { get; set; }

    /// <summary>Outage changes (opened, or resolved with an end) the alert hub has not accepted yet, oldest first.</summary>
    public List<PlatformOutage> PendingOutages { get; set; } = [];
}
