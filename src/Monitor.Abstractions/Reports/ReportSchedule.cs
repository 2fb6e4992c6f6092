namespace Monitor.Abstractions.Reports;

/// <summary>
/// A report sent to a webhook receiver every week or month (<see cref="Cadence"/>): the report of the group
/// <see cref="Group"/> or of the entity list <see cref="Entities"/> for each period that ends after the schedule was created,
/// once, as soon as the period is over. <see cref="Delivery"/>: <c>link</c>, <c>pdf</c> or <c>csv</c> (null: a link).
/// <c>GET /api/reports/schedules</c> lists them.
/// </summary>
public sealed record ReportSchedule(
    string Id,
    string? Group,
    string Cadence,
    string Receiver,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string>? Entities = null,
    string? Delivery = null);
