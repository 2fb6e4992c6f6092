using System.Text.RegularExpressions;

namespace Monitor.Reports;

/// <summary>What a schedule request must be: an id of 1-64 of <c>[A-Za-z0-9._-]</c> (or none), a group, a cadence, a receiver id.</summary>
public static partial class ReportScheduleRules
{
    /// <summary>Checks <paramref name="request"/>; on failure names the field and says why.</summary>
    public static bool TryValidate(ReportScheduleRequest request, out string field, out string reason)
    {
        ArgumentNullException.ThrowIfNull(request);
        (field, reason) = request switch
        {
            { Id: { } id } when !IdPattern().IsMatch(id) => ("id", "must be 1-64 of A-Z, a-z, 0-9, '.', '_' and '-'"),
            { Group: null or "" } => ("group", "is required"),
            { Group.Length: > 100 } => ("group", "must be at most 100 characters"),
            { Cadence: var cadence } when !ReportPeriodKinds.Cadences.Contains(cadence, StringComparer.Ordinal) => ("cadence", "must be 'week' or 'month'"),
            { Receiver: null or "" } => ("receiver", "is required (the id of a webhook receiver)"),
            _ => (string.Empty, string.Empty),
        };
        return field.Length == 0;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
