namespace Monitor.Reports.Web;

/// <summary>Settings of reports (<c>Monitor:Reports</c>): the browser that prints PDFs, links in deliveries, and schedules.</summary>
public sealed class ReportOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Monitor:Reports";

    /// <summary>The Chromium executable; when unset, <c>MONITOR_CHROMIUM</c>, then <c>chromium</c> or <c>chromium-browser</c> on the PATH.</summary>
    public string? ChromiumPath { get; set; }

    /// <summary>Longest a PDF print may take before it is abandoned.</summary>
    public TimeSpan PdfTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How many PDFs the silo prints at once (each print is a Chromium process).</summary>
    public int MaxConcurrentPrints { get; set; } = 2;

    /// <summary>The address readers reach this silo at, for the links a scheduled delivery carries (e.g. <c>https://monitor.example.org/</c>); the listening address when unset.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// Largest file (or CSV files together) a scheduled message carries, in bytes before base64 (which adds a third);
    /// above it the message carries the links only and says why (<c>attachmentsOmitted</c>).
    /// </summary>
    public int MaxAttachmentBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How often the scheduler checks for a period that ended.</summary>
    public TimeSpan SchedulePollPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Schedules from settings (read-only through the API), as <c>Schedules:N:Id</c>, <c>:Group</c> or <c>:Entities:M</c>, <c>:Cadence</c>, <c>:Receiver</c>, <c>:Delivery</c>.</summary>
    public List<ReportScheduleSetting> Schedules { get; } = [];
}
