namespace Monitor.Abstractions.Groups;

/// <summary>One account's place in a group ranking.</summary>
public sealed record RankingEntry(
    int Rank,
    string Account,
    string? Handle,
    string? DisplayName,
    long? Followers,
    long? Posts,
    double? FollowersPerPost,
    double? Growth1d,
    double? Growth7d,
    double? Growth30d);
