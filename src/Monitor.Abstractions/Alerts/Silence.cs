using Orleans;

namespace Monitor.Abstractions.Alerts;

/// <summary>
/// Mutes alerts that match every non-null matcher and every entry of <see cref="Matchers"/> from <see cref="StartsAt"/>
/// (its creation when null) until <see cref="ExpiresAt"/>. Expired silences are kept and listed as history.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.Silence")]
public sealed record Silence(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Account,
    [property: Id(2)] string? Group,
    [property: Id(3)] string? Kind,
    [property: Id(4)] string? Severity,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] string? Comment,
    [property: Id(7)] string? CreatedBy,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] IReadOnlyList<SilenceMatcher>? Matchers = null,
    [property: Id(10)] DateTimeOffset? StartsAt = null);
