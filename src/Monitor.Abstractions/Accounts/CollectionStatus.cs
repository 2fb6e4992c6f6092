namespace Monitor.Abstractions.Accounts;

/// <summary>How collection of an account is going: the last poll, the last successful one, failures in a row and renames seen.</summary>
public sealed record CollectionStatus(
    DateTimeOffset LastPollAt,
    PollStatus LastStatus,
    string? LastReason,
    DateTimeOffset? LastSuccessAt,
    int ConsecutiveFailures,
    long? FollowersPrecision,
    IReadOnlyList<HandleChange> Renames);
