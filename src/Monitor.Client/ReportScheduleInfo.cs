namespace Monitor.Client;

/// <summary>
/// A report schedule as <c>GET /api/reports/schedules</c> lists it: the report of <see cref="Group"/> or of the entities
/// <see cref="Entities"/> goes to webhook receiver <see cref="Receiver"/> after every week or month, as links or with the
/// file (<see cref="Delivery"/>: link, pdf or csv; null is link).
/// </summary>
public sealed record ReportScheduleInfo(
    string Id,
    string? Group,
    string Cadence,
    string Receiver,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string>? Entities = null,
    string? Delivery = null);
