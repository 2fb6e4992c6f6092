using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>
/// One poll of an account by a collector, recorded on the account whatever it found. <see cref="Handle"/> is the handle the
/// platform showed (a change is recorded as a rename); <see cref="FollowersPrecision"/> is the rounding step of the count
/// (YouTube), so the true count lies in [followers, followers + precision); <see cref="Likes"/> is the total of likes the
/// account's posts received where the platform tells it (TikTok).
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.PollOutcome")]
public sealed record PollOutcome(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] PollStatus Status,
    [property: Id(2)] string? Reason = null,
    [property: Id(3)] string? Handle = null,
    [property: Id(4)] long? FollowersPrecision = null,
    [property: Id(5)] long? Likes = null);
