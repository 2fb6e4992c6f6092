namespace Monitor.Reports;

/// <summary>One line of a chart: daily follower counts of an account.</summary>
public sealed record ReportChartSeries(string Label, bool Synthetic, IReadOnlyList<ReportChartPoint> Points);
