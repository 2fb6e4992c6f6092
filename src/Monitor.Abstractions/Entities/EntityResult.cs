using Orleans;

namespace Monitor.Abstractions.Entities;

/// <summary>
/// The result of a change to the registry: the entity as it is afterwards (null when not found), and for
/// <see cref="EntityOutcome.AccountTaken"/> the account and the entity that owns it.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.EntityResult")]
public sealed record EntityResult(
    [property: Id(0)] EntityOutcome Outcome,
    [property: Id(1)] Entity? Entity,
    [property: Id(2)] string? Account = null,
    [property: Id(3)] string? OwnedBy = null);
