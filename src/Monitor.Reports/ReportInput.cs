using Monitor.Abstractions.Alerts;
using Monitor.Abstractions.Entities;

namespace Monitor.Reports;

/// <summary>What a report is computed from: the members with their daily histories, their alerts and incidents, and their entities.</summary>
/// <param name="Accounts">The report's members: the group's, or every account of the listed entities.</param>
/// <param name="Alerts">The alerts of the members (any period; the report keeps those overlapping its own).</param>
/// <param name="Incidents">Incidents (any period; the report keeps the subject's own overlapping its period).</param>
/// <param name="Entities">The entities that own members (for the entity comparison); empty when none does.</param>
/// <param name="EntityAccounts">The accounts of those entities that are not members, with their daily histories: an entity is compared with all its accounts.</param>
public sealed record ReportInput(
    ReportSubject Subject,
    ReportPeriod Period,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ReportAccountInput> Accounts,
    IReadOnlyList<AlertView> Alerts,
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<Entity>? Entities = null,
    IReadOnlyList<ReportAccountInput>? EntityAccounts = null);
