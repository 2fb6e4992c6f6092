namespace Monitor.Testing;

/// <summary>An alert as Alertmanager's <c>GET /api/v2/alerts</c> shows it: labels, state (active, suppressed) and what mutes it.</summary>
public sealed record AlertmanagerApiAlert(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    string State,
    IReadOnlyList<string> SilencedBy,
    IReadOnlyList<string> InhibitedBy,
    DateTimeOffset EndsAt);
