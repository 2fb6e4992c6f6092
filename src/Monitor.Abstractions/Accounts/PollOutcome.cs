namespace Monitor.Abstractions.Accounts;

/// <summary>
/// One poll of an account by a collector, recorded on the account whatever it found. <see cref="Handle"/> is the handle the
/// platform showed (a change is recorded as a rename); <see cref="FollowersPrecision"/> is the rounding step of the count
/// (YouTube), so the true count lies in [followers, followers + precision).
/// </summary>
public sealed record PollOutcome(
    DateTimeOffset At,
    PollStatus Status,
    string? Reason = null,
    string? Handle = null,
    long? FollowersPrecision = null);
