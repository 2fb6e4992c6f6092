using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>What a team says about an account: how to show it, how to group it, how sensitive its detector is.</summary>
[GenerateSerializer, Immutable, Alias("monitor.AccountProfile")]
public sealed record AccountProfile(
    [property: Id(0)] string? Handle = null,
    [property: Id(1)] string? DisplayName = null,
    [property: Id(2)] IReadOnlyList<string>? Groups = null,
    [property: Id(3)] IReadOnlyList<string>? Tags = null,
    [property: Id(4)] DetectorOverrides? Detector = null);
