using Monitor.Abstractions.Alerts;

namespace Monitor.Client;

/// <summary>The body of <c>POST /api/silences</c> as the client sends it: matchers, an expiry, who and why.</summary>
public sealed record NewSilence(
    IReadOnlyList<SilenceMatcher> Matchers,
    DateTimeOffset ExpiresAt,
    string? Comment,
    string? CreatedBy,
    DateTimeOffset? StartsAt = null);
