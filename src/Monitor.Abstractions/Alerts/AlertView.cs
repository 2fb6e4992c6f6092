namespace Monitor.Abstractions.Alerts;

/// <summary>
/// One alert: a detector episode on one account as operators see it, with the figures that justify it.
/// <see cref="Kind"/> is spike, surge, drop, stall or unavailable; <see cref="Severity"/> info, warning or critical;
/// <see cref="Status"/> open, acknowledged or resolved; <see cref="Reason"/> says why for collection alerts (stall, unavailable).
/// </summary>
public sealed record AlertView(
    string Id,
    string Account,
    string Kind,
    string Severity,
    string Status,
    DateTimeOffset Start,
    DateTimeOffset PeakAt,
    long PeakFollowers,
    DateTimeOffset? End,
    double BaselineRatePerDay,
    double ObservedRatePerDay,
    double ZScore,
    long Change,
    double RelativeChange,
    IReadOnlyList<string> Groups,
    string? IncidentId = null,
    string? AcknowledgedBy = null,
    bool Silenced = false,
    DateTimeOffset? UpdatedAt = null,
    string? Reason = null);
