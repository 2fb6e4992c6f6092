namespace Monitor.Reports.Web;

/// <summary>What running a schedule queued: the schedule, its receiver, and the period of the report.</summary>
public sealed record ReportRun(string Schedule, string Receiver, string Period, DateOnly From, DateOnly To);
