using Orleans;

namespace Monitor.Abstractions.Alerts;

/// <summary>Simultaneous alerts of the same kind on several members of a group, correlated into one incident.</summary>
[GenerateSerializer, Immutable, Alias("monitor.Incident")]
public sealed record Incident(
    [property: Id(0)] string Id,
    [property: Id(1)] string Group,
    [property: Id(2)] string Kind,
    [property: Id(3)] DateTimeOffset Start,
    [property: Id(4)] DateTimeOffset? End,
    [property: Id(5)] IReadOnlyList<string> AlertIds,
    [property: Id(6)] IReadOnlyList<string> Accounts);
