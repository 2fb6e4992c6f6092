using Orleans;

namespace Monitor.Abstractions.Entities;

/// <summary>An import's wish: the entity named <see cref="Name"/> (created with the id derived from it if missing) owns <see cref="Account"/>.</summary>
[GenerateSerializer, Immutable, Alias("monitor.EntityAssignment")]
public sealed record EntityAssignment([property: Id(0)] string Name, [property: Id(1)] string Account);
