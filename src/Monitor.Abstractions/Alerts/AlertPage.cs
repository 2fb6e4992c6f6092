namespace Monitor.Abstractions.Alerts;

/// <summary>A page of alerts, newest first, and the cursor for the next page (null on the last).</summary>
public sealed record AlertPage(IReadOnlyList<AlertView> Items, string? NextCursor);
