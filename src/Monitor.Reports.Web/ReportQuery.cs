namespace Monitor.Reports.Web;

/// <summary>A report's period as the query gives it: <c>period</c>, <c>at</c>, <c>from</c>, <c>to</c> (see <see cref="ReportPeriodQuery"/>).</summary>
public sealed record ReportQuery(string? Period, string? At, string? From, string? To);
