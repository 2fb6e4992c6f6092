using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Monitor.Reports;

/// <summary>
/// A group report as one self-contained HTML document (inline style and SVG, no script, no external resource), so the
/// same document is served, printed to PDF from a file, and attached as it is.
/// </summary>
public static class ReportHtml
{
    private const string Style = """
        @page { size: A4; margin: 14mm 12mm 16mm 12mm; }
        body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11px; color: #222; margin: 0 auto; max-width: 760px; }
        h1 { font-size: 20px; margin: 0 0 4px 0; }
        h2 { font-size: 14px; margin: 14px 0 6px 0; }
        .meta { color: #555; margin: 0 0 8px 0; }
        table { border-collapse: collapse; width: 100%; margin-bottom: 6px; }
        th, td { border-bottom: 1px solid #ddd; padding: 3px 4px; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; }
        .n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .key { color: #777; font-size: 9px; }
        .synthetic { border: 1px dashed #b15; color: #b15; padding: 0 3px; font-size: 9px; border-radius: 3px; }
        .synthetic-notice { border: 2px dashed #b15; padding: 6px; color: #611; }
        .hint { color: #555; }
        .shares { color: #444; font-size: 9px; }
        .page { break-before: page; }
        article.episode { break-inside: avoid; }
        svg.chart { width: 100%; height: auto; }
        footer { color: #777; font-size: 9px; border-top: 1px solid #ddd; margin-top: 12px; padding-top: 3px; }
        @media print { footer { position: fixed; bottom: 0; left: 0; right: 0; margin: 0; background: #fff; } }
        """;

    /// <summary>The Content-Security-Policy a served report needs: its one inline style by hash, nothing else.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>The report as HTML, with those of <paramref name="sections"/> (default <see cref="ReportSections.Default"/>) it shows.</summary>
    public static string Render(GroupReport report, IReadOnlyList<IReportSection>? sections = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder(64 * 1024);
        var title = $"Monitor report: {report.Subject.Title}, {report.Period.Label}";
        var subject = report.Subject.Kind == ReportSubject.GroupKind
            ? $"data-group=\"{ReportFormat.Html(report.Subject.Id)}\""
            : $"data-entities=\"{ReportFormat.Html(report.Subject.Id)}\"";
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{ReportFormat.Html(title)}</title><style>{Style}</style></head>")
            .Append(CultureInfo.InvariantCulture, $"<body {subject} data-from=\"{report.Period.From:yyyy-MM-dd}\" data-to=\"{report.Period.To:yyyy-MM-dd}\" data-expected-pages=\"{ReportSections.ExpectedPages(report, sections)}\">")
            .Append(CultureInfo.InvariantCulture, $"<header><h1>{ReportFormat.Html(report.Subject.Title)}: {ReportFormat.Html(report.Period.Label)}</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">{report.Members.Count} accounts · {report.Alerts.Count} alerts · {report.Incidents.Count} incidents · ")
            .Append(CultureInfo.InvariantCulture, $"period {ReportFormat.Day(report.Period.Start)} to {report.Period.To:yyyy-MM-dd} (UTC) · generated {ReportFormat.Instant(report.GeneratedAt)} by Monitor</p></header>");

        var first = true;
        foreach (var section in (sections ?? ReportSections.Default).Where(section => section.IsShown(report)))
        {
            var breaks = section.StartsPage && !first ? " page" : string.Empty;
            html.Append(CultureInfo.InvariantCulture, $"<section id=\"{section.Id}\" class=\"{section.Id}{breaks}\" data-section=\"{section.Id}\">");
            section.Write(report, html);
            html.Append("</section>");
            first &= !section.StartsPage;
        }

        html.Append(CultureInfo.InvariantCulture, $"<footer>Monitor · {ReportFormat.Html(report.Subject.Title)} · {ReportFormat.Html(report.Period.Label)}")
            .Append(report.Sources.AnySynthetic ? " · CONTAINS SYNTHETIC DATA" : string.Empty)
            .Append("</footer></body></html>");
        return html.ToString();
    }
}
