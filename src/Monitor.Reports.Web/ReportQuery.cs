using Microsoft.AspNetCore.Mvc;

namespace Monitor.Reports.Web;

/// <summary>A report's period as the query gives it: <c>period</c>, <c>at</c>, <c>from</c>, <c>to</c> (see <see cref="ReportPeriodQuery"/>).</summary>
public sealed record ReportQuery(
    [FromQuery(Name = "period")] string? Period,
    [FromQuery(Name = "at")] string? At,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To);
