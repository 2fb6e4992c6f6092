using Monitor.Abstractions.Alerts;

namespace Monitor.Api;

/// <summary>Body of <c>POST /api/silences</c>: at least one matcher, and either an expiry time or a duration.</summary>
public sealed record SilenceRequest(
    string? Account,
    string? Group,
    string? Kind,
    string? Severity,
    DateTimeOffset? ExpiresAt,
    TimeSpan? Duration,
    string? Comment,
    string? CreatedBy,
    IReadOnlyList<SilenceMatcher>? Matchers = null,
    DateTimeOffset? StartsAt = null);
