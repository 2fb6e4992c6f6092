namespace Monitor.Abstractions.Alerts;

/// <summary>Mutes alerts that match every non-null matcher until <see cref="ExpiresAt"/>.</summary>
public sealed record Silence(
    string Id,
    string? Account,
    string? Group,
    string? Kind,
    string? Severity,
    DateTimeOffset ExpiresAt,
    string? Comment,
    string? CreatedBy,
    DateTimeOffset CreatedAt);
