using Orleans;

namespace Monitor.Abstractions.Alerts;

/// <summary>A page of alerts, newest first, and the cursor for the next page (null on the last).</summary>
[GenerateSerializer, Immutable, Alias("monitor.AlertPage")]
public sealed record AlertPage([property: Id(0)] IReadOnlyList<AlertView> Items, [property: Id(1)] string? NextCursor);
