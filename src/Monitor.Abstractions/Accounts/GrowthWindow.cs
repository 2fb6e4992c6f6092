using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>
/// Net change of followers over a window ending at the latest observation; null where data is missing.
/// <see cref="RatePerDay"/> is followers per day; <see cref="RelativeGrowth"/> the net change as a fraction of the followers at
/// the window's start (0.018 = 1.8%).
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.GrowthWindow")]
public sealed record GrowthWindow([property: Id(0)] long? NetChange, [property: Id(1)] double? RatePerDay, [property: Id(2)] double? RelativeGrowth);
