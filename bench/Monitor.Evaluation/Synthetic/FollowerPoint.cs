namespace Monitor.Evaluation.Synthetic;

/// <summary>One observation of a synthetic account: the follower count at a time.</summary>
internal readonly record struct FollowerPoint(DateTimeOffset Timestamp, long Followers);
