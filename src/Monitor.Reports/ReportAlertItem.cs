using Monitor.Abstractions.Alerts;

namespace Monitor.Reports;

/// <summary>An alert of the period with its account's name and a chart of its account around it.</summary>
public sealed record ReportAlertItem(AlertView Alert, string AccountName, bool Synthetic, ReportChart Chart);
