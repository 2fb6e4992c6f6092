namespace Monitor.Collectors.Scheduling;

/// <summary>A platform collector as the API shows it (no credentials, ever).</summary>
public sealed record CollectorStatus(
    string Platform,
    bool Enabled,
    int AccountsScheduled,
    int RequestsInWindow,
    int RequestsPerWindow,
    long? PlatformRemaining,
    DateTimeOffset? RateLimitedUntil,
    DateTimeOffset? BackoffUntil,
    DateTimeOffset? CircuitOpenUntil,
    int ConsecutiveFailures,
    string? LastFailure,
    PollTickReport? LastTick);
