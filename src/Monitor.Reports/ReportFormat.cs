using System.Globalization;
using System.Net;

namespace Monitor.Reports;

/// <summary>How a report writes its figures and text: invariant culture, thousands separators, HTML-encoded text.</summary>
public static class ReportFormat
{
    /// <summary>Text made safe for HTML.</summary>
    public static string Html(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>A count with thousands separators, or an en dash when missing.</summary>
    public static string Count(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "–";

    /// <summary>A signed count (+1,200 or −300), or an en dash.</summary>
    public static string Change(long? value) => value is null ? "–" : (value.Value > 0 ? "+" : string.Empty) + value.Value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A share as a signed percentage with two decimals (0.0123 is +1.23%), or an en dash.</summary>
    public static string Percent(double? share) => share is null ? "–" : (share.Value > 0 ? "+" : string.Empty) + (share.Value * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>A UTC day, ISO 8601.</summary>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A UTC instant, ISO 8601 to the minute.</summary>
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}
