using Orleans;

namespace Monitor.Abstractions.Entities;

/// <summary>
/// A person or an office (for example "Ilham Aliyev", "Ministry of Foreign Affairs of Azerbaijan") and the accounts it
/// owns on several platforms; an account belongs to at most one entity. <see cref="Kind"/> is person, office or null.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.Entity")]
public sealed record Entity(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Kind,
    [property: Id(3)] IReadOnlyList<string> Accounts);
