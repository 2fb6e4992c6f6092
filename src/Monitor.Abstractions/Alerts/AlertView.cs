using Orleans;

namespace Monitor.Abstractions.Alerts;

/// <summary>
/// One alert: a detector episode on one account as operators see it, with the figures that justify it.
/// <see cref="Kind"/> is spike, surge, drop, stall or unavailable; <see cref="Severity"/> info, warning or critical;
/// <see cref="Status"/> open, acknowledged or resolved; <see cref="Reason"/> says why for collection alerts (stall, unavailable).
/// <see cref="Platform"/> is the account's platform (an <c>outage</c> alert has no account and names only its platform).
/// <see cref="InhibitedBy"/> names the open alert that explains this one (an outage of its platform, or its account being
/// unavailable): an inhibited alert is stored and listed but not delivered.
/// <see cref="Entity"/> is the id of the entity that owns the account, and a spike or surge on such an account carries
/// <see cref="Corroboration"/>, the reading of the entity's other accounts over the same window.
/// The id never changes: a spike that escalates into a surge keeps its <c>spike-</c> id, and <see cref="FirstKind"/> says so.
/// <see cref="PeakAt"/> is when growth was fastest and <see cref="PeakFollowers"/> the count then (not the highest count);
/// rates are followers per day and <see cref="RelativeChange"/> is a fraction of the followers at the start (0.065 = 6.5%).
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.AlertView")]
public sealed record AlertView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Account,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Severity,
    [property: Id(4)] string Status,
    [property: Id(5)] DateTimeOffset Start,
    [property: Id(6)] DateTimeOffset PeakAt,
    [property: Id(7)] long PeakFollowers,
    [property: Id(8)] DateTimeOffset? End,
    [property: Id(9)] double BaselineRatePerDay,
    [property: Id(10)] double ObservedRatePerDay,
    [property: Id(11)] double ZScore,
    [property: Id(12)] long Change,
    [property: Id(13)] double RelativeChange,
    [property: Id(14)] IReadOnlyList<string> Groups,
    [property: Id(15)] string? IncidentId = null,
    [property: Id(16)] string? AcknowledgedBy = null,
    [property: Id(17)] bool Silenced = false,
    [property: Id(18)] DateTimeOffset? UpdatedAt = null,
    [property: Id(19)] string? Reason = null,
    [property: Id(20)] string? FirstKind = null,
    [property: Id(21)] string? Platform = null,
    [property: Id(22)] string? InhibitedBy = null,
    [property: Id(23)] string? Entity = null,
    [property: Id(24)] Corroboration? Corroboration = null);
