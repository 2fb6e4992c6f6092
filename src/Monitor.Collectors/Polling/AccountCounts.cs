namespace Monitor.Collectors.Polling;

/// <summary>
/// Counts read from a platform. A null count is unknown (not sent, hidden), never 0. <see cref="FollowersPrecision"/> is the
/// rounding step when the platform rounds (YouTube): the true count lies in [followers, followers + precision).
/// <see cref="FollowersResolution"/> is the platform's rounding rule, which the collector declares with each observation.
/// <see cref="Likes"/> is the total of likes the account's posts received, where the platform tells it (TikTok's <c>likes_count</c>).
/// </summary>
public sealed record AccountCounts(long? Followers, long? Following, long? Posts, long? FollowersPrecision = null, CountResolution? FollowersResolution = null, long? Likes = null);
