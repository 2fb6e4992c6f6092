using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>
/// How collection of an account is going: the last poll, the last successful one, failures in a row and renames seen; and the
/// latest total of likes on the account's posts where the platform tells it (TikTok).
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.CollectionStatus")]
public sealed record CollectionStatus(
    [property: Id(0)] DateTimeOffset LastPollAt,
    [property: Id(1)] PollStatus LastStatus,
    [property: Id(2)] string? LastReason,
    [property: Id(3)] DateTimeOffset? LastSuccessAt,
    [property: Id(4)] int ConsecutiveFailures,
    [property: Id(5)] long? FollowersPrecision,
    [property: Id(6)] IReadOnlyList<HandleChange> Renames,
    [property: Id(7)] long? Likes = null);
