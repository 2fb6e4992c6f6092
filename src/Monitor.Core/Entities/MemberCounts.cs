namespace Monitor.Core.Entities;

/// <summary>One account's latest counts and its net follower change over 1, 7 and 30 days (null where unknown).</summary>
public sealed record MemberCounts(
    string Account,
    string Platform,
    long? Followers,
    long? Posts,
    long? Change1d,
    long? Change7d,
    long? Change30d);
