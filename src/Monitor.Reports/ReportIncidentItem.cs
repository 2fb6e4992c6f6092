using Monitor.Abstractions.Alerts;

namespace Monitor.Reports;

/// <summary>An incident of the period (one kind of alert on several members at once) with a chart of every account in it.</summary>
public sealed record ReportIncidentItem(Incident Incident, IReadOnlyList<string> AccountNames, ReportChart Chart);
