using Orleans;

namespace Monitor.Abstractions.Entities;

/// <summary>One platform's followers within an entity's combined reach, and its share of it (0.25 = 25%).</summary>
[GenerateSerializer, Immutable, Alias("monitor.PlatformReach")]
public sealed record PlatformReach([property: Id(0)] string Platform, [property: Id(1)] long Followers, [property: Id(2)] double Share);
