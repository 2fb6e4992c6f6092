namespace Monitor.Abstractions.Alerts;

/// <summary>Filters and a cursor for the alert feed; null filters match everything.</summary>
public sealed record AlertQuery(
    string? Status = null,
    string? Kind = null,
    string? Severity = null,
    string? Account = null,
    string? Group = null,
    DateTimeOffset? Since = null,
    string? Cursor = null,
    int Limit = 100);
