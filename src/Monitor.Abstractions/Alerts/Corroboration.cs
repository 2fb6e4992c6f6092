using Orleans;

namespace Monitor.Abstractions.Alerts;

/// <summary>
/// The cross-platform reading of a spike or surge on an account that belongs to an entity: how many of the entity's
/// accounts with data (<see cref="Compared"/>) moved beyond their own baseline in the same window (<see cref="Moved"/>,
/// the alerted one included), and how the alerted account's posts changed (<see cref="PostsChange"/>; null when its platform
/// reports none). <see cref="Summary"/> says it in words, e.g. <c>corroboration: 3 of 3 accounts; posts: +41</c>. A
/// reading, not a verdict: see docs/entities.md for how it is computed and its limits.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.Corroboration")]
public sealed record Corroboration(
    [property: Id(0)] string Entity,
    [property: Id(1)] string Summary,
    [property: Id(2)] int Moved,
    [property: Id(3)] int Compared,
    [property: Id(4)] int WithoutData,
    [property: Id(5)] long? PostsChange,
    [property: Id(6)] DateTimeOffset WindowStart,
    [property: Id(7)] DateTimeOffset WindowEnd,
    [property: Id(8)] IReadOnlyList<CorroboratingAccount> Accounts);
