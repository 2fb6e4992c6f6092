using System.Text.RegularExpressions;

namespace Monitor.Reports;

/// <summary>
/// What a schedule request must be: an id of 1-64 of <c>[A-Za-z0-9._-]</c> (or none), a group or 1-50 entity ids (not both),
/// a cadence, a receiver id, and a delivery kind or none.
/// </summary>
public static partial class ReportScheduleRules
{
    /// <summary>Checks <paramref name="request"/>; on failure names the field and says why.</summary>
    public static bool TryValidate(ReportScheduleRequest request, out string field, out string reason)
    {
        ArgumentNullException.ThrowIfNull(request);
        (field, reason) = request switch
        {
            { Id: { } id } when !IdPattern().IsMatch(id) => ("id", "must be 1-64 of A-Z, a-z, 0-9, '.', '_' and '-'"),
            { Group: { Length: > 0 }, Entities.Count: > 0 } => ("entities", "give either a group or entities, not both"),
            { Group: null or "", Entities: null or { Count: 0 } } => ("group", "is required (or entities: a list of entity ids)"),
            { Group.Length: > 100 } => ("group", "must be at most 100 characters"),
            { Entities.Count: > ReportSubject.MaxEntities } => ("entities", $"must list at most {ReportSubject.MaxEntities} entities"),
            { Entities: { } ids } when ids.Any(string.IsNullOrWhiteSpace) => ("entities", "must not hold an empty id"),
            { Cadence: var cadence } when !ReportPeriodKinds.Cadences.Contains(cadence, StringComparer.Ordinal) => ("cadence", "must be 'week' or 'month'"),
            { Receiver: null or "" } => ("receiver", "is required (the id of a webhook receiver)"),
            { Delivery: { } delivery } when !ReportDeliveryKinds.All.Contains(delivery, StringComparer.Ordinal) => ("delivery", "must be 'link', 'pdf' or 'csv'"),
            _ => (string.Empty, string.Empty),
        };
        return field.Length == 0;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
