using System.Text.Json.Serialization;

namespace Monitor.Reports;

/// <summary>
/// A report sent to a webhook receiver every week or month (<see cref="Cadence"/>): the report of the group
/// <see cref="Group"/> or of the entity list <see cref="Entities"/> for each period that ends after the schedule was created,
/// once, as soon as the period is over. <see cref="Delivery"/> is one of <see cref="ReportDeliveryKinds"/> (null: a link).
/// </summary>
public sealed record ReportSchedule(
    string Id,
    string? Group,
    string Cadence,
    string Receiver,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string>? Entities = null,
    string? Delivery = null)
{
    /// <summary>What the schedule reports on (titled by its id list until the loader names the entities).</summary>
    [JsonIgnore]
    public ReportSubject Subject => Entities is { Count: > 0 } ids ? ReportSubject.Entities(ids) : ReportSubject.Group(Group!);

    /// <summary>What its messages carry.</summary>
    [JsonIgnore]
    public string DeliveryKind => Delivery ?? ReportDeliveryKinds.Link;

    /// <summary>The period due for delivery at <paramref name="now"/>: the latest complete one, unless it ended before the schedule existed.</summary>
    public ReportPeriod? DuePeriod(DateTimeOffset now)
    {
        var period = ReportPeriod.LastComplete(Cadence, now);
        return period.End > CreatedAt ? period : null;
    }
}
