namespace Monitor.Reports;

/// <summary>One daily point of a chart line.</summary>
public sealed record ReportChartPoint(DateTimeOffset At, long Followers);
