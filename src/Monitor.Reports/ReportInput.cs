using Monitor.Abstractions.Alerts;

namespace Monitor.Reports;

/// <summary>What a group report is computed from: the members with their daily histories, and the group's alerts and incidents.</summary>
/// <param name="Alerts">The alerts of the group's members (any period; the report keeps those overlapping its own).</param>
/// <param name="Incidents">The group's incidents (any period).</param>
public sealed record ReportInput(
    string Group,
    ReportPeriod Period,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ReportAccountInput> Accounts,
    IReadOnlyList<AlertView> Alerts,
    IReadOnlyList<Incident> Incidents);
