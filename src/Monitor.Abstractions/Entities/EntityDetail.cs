using Monitor.Abstractions.Accounts;
using Orleans;

namespace Monitor.Abstractions.Entities;

/// <summary>
/// An entity with its accounts' summaries and their figures added up. <see cref="Followers"/> (combined reach) is the sum
/// of the accounts' followers: audiences overlap (one person following on two platforms counts twice) and no platform says
/// by how much, so it is an upper bound of the people reached (<see cref="ReachNote"/>). Growth is the summed net change as
/// a fraction of the summed followers at the window's start (0.018 = 1.8%), over accounts whose change is known.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.EntityDetail")]
public sealed record EntityDetail(
    [property: Id(0)] Entity Entity,
    [property: Id(1)] IReadOnlyList<AccountSummary> Accounts,
    [property: Id(2)] long Followers,
    [property: Id(3)] long? Posts,
    [property: Id(4)] IReadOnlyList<PlatformReach> Platforms,
    [property: Id(5)] double? Growth1d,
    [property: Id(6)] double? Growth7d,
    [property: Id(7)] double? Growth30d,
    [property: Id(8)] string ReachNote);
