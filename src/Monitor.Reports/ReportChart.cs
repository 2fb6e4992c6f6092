namespace Monitor.Reports;

/// <summary>A chart of followers over <see cref="From"/> to <see cref="To"/> with the episode's span shaded.</summary>
public sealed record ReportChart(DateTimeOffset From, DateTimeOffset To, DateTimeOffset BandStart, DateTimeOffset BandEnd, IReadOnlyList<ReportChartSeries> Series);
