namespace Monitor.Collectors.Polling;

/// <summary>
/// What one poll found for one account: the status, the counts when <see cref="Status"/> is ok, a reason otherwise, the
/// handle the platform showed, and the stable id when an <c>@handle</c> target was resolved.
/// </summary>
public sealed record AccountPollResult(
    PollTarget Target,
    PollStatus Status,
    AccountCounts? Counts = null,
    string? Reason = null,
    string? Handle = null,
    string? ResolvedId = null);
