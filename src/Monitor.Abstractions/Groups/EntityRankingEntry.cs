using Orleans;

namespace Monitor.Abstractions.Groups;

/// <summary>
/// One entity's place in a group ranking by entity: an entity ranks when any of its accounts is in the group, with the
/// figures of all its accounts added up (followers summed, so overlapping audiences count twice; growth as in
/// <c>EntityDetail</c>). A member account that belongs to no entity ranks on its own, with <see cref="Entity"/> null.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.EntityRankingEntry")]
public sealed record EntityRankingEntry(
    [property: Id(0)] int Rank,
    [property: Id(1)] string? Entity,
    [property: Id(2)] string Name,
    [property: Id(3)] IReadOnlyList<string> Accounts,
    [property: Id(4)] long? Followers,
    [property: Id(5)] long? Posts,
    [property: Id(6)] double? FollowersPerPost,
    [property: Id(7)] double? Growth1d,
    [property: Id(8)] double? Growth7d,
    [property: Id(9)] double? Growth30d);
