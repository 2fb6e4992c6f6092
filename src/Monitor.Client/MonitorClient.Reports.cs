using System.Net;
using Monitor.Abstractions.Reports;

namespace Monitor.Client;

/// <summary>Reports of groups and entity lists, and the schedules that send them to webhook receivers.</summary>
public sealed partial class MonitorClient
{
    /// <summary>
    /// Copies the report <paramref name="request"/> names into <paramref name="destination"/>; returns its content type, or
    /// null when the group or an entity does not exist (404). Other refusals (a bad period, no Chromium for a PDF) throw.
    /// </summary>
    public async Task<string?> DownloadReportAsync(ReportRequest request, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(destination);
        using var response = await http.GetAsync(request.PathAndQuery(), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        await response.Content.CopyToAsync(destination, cancellationToken);
        return response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";
    }

    /// <summary>Every report schedule (admin).</summary>
    public Task<List<ReportSchedule>> ListReportSchedulesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<ReportSchedule>>("api/reports/schedules", cancellationToken);

    /// <summary>Adds a report schedule (admin); a 400 (unknown group, entity or receiver) or 409 (id taken) throws.</summary>
    public Task<ReportSchedule> CreateReportScheduleAsync(NewReportSchedule schedule, CancellationToken cancellationToken = default) =>
        PostAsync<NewReportSchedule, ReportSchedule>("api/reports/schedules", schedule, cancellationToken);

    /// <summary>Deletes a report schedule added through the API (admin); false when there is none with that id.</summary>
    public Task<bool> DeleteReportScheduleAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync($"api/reports/schedules/{Uri.EscapeDataString(id)}", cancellationToken);
}
