using Orleans;

namespace Monitor.Abstractions.Alerts;

/// <summary>
/// One account of the entity in a cross-platform reading: <see cref="Movement"/> is moved, flat or no-data; the changes
/// are over the reading's window, the rates in followers per day (baseline: the median daily rate before the window).
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.CorroboratingAccount")]
public sealed record CorroboratingAccount(
    [property: Id(0)] string Account,
    [property: Id(1)] string Platform,
    [property: Id(2)] string Movement,
    [property: Id(3)] long? FollowersChange,
    [property: Id(4)] long? PostsChange,
    [property: Id(5)] double? BaselineRatePerDay,
    [property: Id(6)] double? ObservedRatePerDay);
