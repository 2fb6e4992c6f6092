using System.Globalization;
using System.Text;

namespace Monitor.Reports;

/// <summary>Every incident, then every alert, overlapping the period: one printed page each, with its chart.</summary>
public sealed class EpisodesSection : IReportSection
{
    public string Id => "episodes";

    public bool StartsPage => false;

    public int ExtraPages(GroupReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Incidents.Count + report.Alerts.Count;
    }

    public void Write(GroupReport report, StringBuilder html)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(html);
        foreach (var item in report.Incidents)
        {
            var incident = item.Incident;
            html.Append(CultureInfo.InvariantCulture, $"<article class=\"episode page\" data-incident=\"{ReportFormat.Html(incident.Id)}\">")
                .Append(CultureInfo.InvariantCulture, $"<h2>Incident: {ReportFormat.Html(incident.Kind)} on {incident.Accounts.Count} accounts</h2>")
                .Append(CultureInfo.InvariantCulture, $"<p>{Span(incident.Start, incident.End)}. Accounts: {ReportFormat.Html(string.Join(", ", item.AccountNames))}.</p>")
                .Append(ReportSvgChart.Render(item.Chart, $"Followers of the incident's accounts, {ReportFormat.Day(item.Chart.From)} to {ReportFormat.Day(item.Chart.To)}"))
                .Append("</article>");
        }

        foreach (var item in report.Alerts)
        {
            var alert = item.Alert;
            html.Append(CultureInfo.InvariantCulture, $"<article class=\"episode page\" data-alert=\"{ReportFormat.Html(alert.Id)}\">")
                .Append(CultureInfo.InvariantCulture, $"<h2>{ReportFormat.Html(Capitalised(alert.Kind))} ({ReportFormat.Html(alert.Severity)}): {ReportFormat.Html(item.AccountName)}")
                .Append(item.Synthetic ? " <span class=\"synthetic\">synthetic</span>" : string.Empty).Append("</h2>")
                .Append(CultureInfo.InvariantCulture, $"<p>{Span(alert.Start, alert.End)}; status {ReportFormat.Html(alert.Status)}. ")
                .Append(CultureInfo.InvariantCulture, $"Change {ReportFormat.Change(alert.Change)} followers ({ReportFormat.Percent(alert.RelativeChange)}); ")
                .Append(CultureInfo.InvariantCulture, $"{alert.ObservedRatePerDay:N0} a day against a usual {alert.BaselineRatePerDay:N0}.")
                .Append(alert.IncidentId is null ? string.Empty : " Part of an incident.")
                .Append("</p>")
                .Append(ReportSvgChart.Render(item.Chart, $"Followers of {item.AccountName}, {ReportFormat.Day(item.Chart.From)} to {ReportFormat.Day(item.Chart.To)}"))
                .Append("</article>");
        }
    }

    private static string Span(DateTimeOffset start, DateTimeOffset? end) =>
        end is { } ended ? $"From {ReportFormat.Instant(start)} to {ReportFormat.Instant(ended)}" : $"Since {ReportFormat.Instant(start)}, ongoing";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
