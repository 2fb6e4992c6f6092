using Orleans;

namespace Monitor.Abstractions.Groups;

/// <summary>One account's place in a group ranking.</summary>
[GenerateSerializer, Immutable, Alias("monitor.RankingEntry")]
public sealed record RankingEntry(
    [property: Id(0)] int Rank,
    [property: Id(1)] string Account,
    [property: Id(2)] string? Handle,
    [property: Id(3)] string? DisplayName,
    [property: Id(4)] long? Followers,
    [property: Id(5)] long? Posts,
    [property: Id(6)] double? FollowersPerPost,
    [property: Id(7)] double? Growth1d,
    [property: Id(8)] double? Growth7d,
    [property: Id(9)] double? Growth30d);
