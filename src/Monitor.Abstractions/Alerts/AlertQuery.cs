using Orleans;

namespace Monitor.Abstractions.Alerts;

/// <summary>Filters and a cursor for the alert feed; null filters match everything.</summary>
[GenerateSerializer, Immutable, Alias("monitor.AlertQuery")]
public sealed record AlertQuery(
    [property: Id(0)] string? Status = null,
    [property: Id(1)] string? Kind = null,
    [property: Id(2)] string? Severity = null,
    [property: Id(3)] string? Account = null,
    [property: Id(4)] string? Group = null,
    [property: Id(5)] DateTimeOffset? Since = null,
    [property: Id(6)] string? Cursor = null,
    [property: Id(7)] int Limit = 100);
