using Orleans;

namespace Monitor.Collectors.Scheduling;

/// <summary>A platform collector as the API shows it (no credentials, ever).</summary>
[GenerateSerializer, Immutable, Alias("monitor.CollectorStatus")]
public sealed record CollectorStatus(
    [property: Id(0)] string Platform,
    [property: Id(1)] bool Enabled,
    [property: Id(2)] int AccountsScheduled,
    [property: Id(3)] int RequestsInWindow,
    [property: Id(4)] int RequestsPerWindow,
    [property: Id(5)] long? PlatformRemaining,
    [property: Id(6)] DateTimeOffset? RateLimitedUntil,
    [property: Id(7)] DateTimeOffset? BackoffUntil,
    [property: Id(8)] DateTimeOffset? CircuitOpenUntil,
    [property: Id(9)] int ConsecutiveFailures,
    [property: Id(10)] string? LastFailure,
    [property: Id(11)] PollTickReport? LastTick);
