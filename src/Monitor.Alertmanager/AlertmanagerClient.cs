using System.Diagnostics;
using System.Net.Http.Json;
using Monitor.Collectors.Outbound;
using Monitor.Telemetry;
using Polly;

namespace Monitor.Alertmanager;

/// <summary>
/// <c>POST /api/v2/alerts</c> to one Alertmanager; retries and per-attempt timeouts come from the client's resilience
/// handler (<see cref="AlertmanagerExtensions"/>). Counts the alerts sent and failed per target; never throws for HTTP failures.
/// </summary>
public sealed class AlertmanagerClient(HttpClient http, ServiceInstruments instruments, ILogger<AlertmanagerClient> logger)
{
    /// <summary>Pushes <paramref name="alerts"/> to the Alertmanager at <paramref name="target"/>; true when it took them.</summary>
    public async Task<bool> PushAsync(Uri target, IReadOnlyList<AlertmanagerAlert> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(alerts);
        var name = target.GetLeftPart(UriPartial.Authority);
        using var activity = ServiceInstruments.ActivitySource.StartActivity("alertmanager push", ActivityKind.Client);
        activity?.SetTag("monitor.alertmanager.target", name);
        activity?.SetTag("monitor.alertmanager.alerts", alerts.Count);
        var started = Stopwatch.GetTimestamp();
        string? error;
        try
        {
            using var response = await http.PostAsJsonAsync(new Uri(target, "api/v2/alerts"), alerts, cancellationToken).ConfigureAwait(false);
            error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception ex) when (ex is HttpRequestException or ExecutionRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = OutboundAddressRefusedException.IsCauseOf(ex) ? OutboundAddressRefusedException.Reason : ex.GetType().Name;
        }

        instruments.AlertmanagerLatency.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new TagList { { "target", name } });
        instruments.AlertmanagerAlerts.Add(alerts.Count, new TagList { { "target", name }, { "outcome", error is null ? "sent" : "failed" } });
        if (error is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error);
            logger.LogWarning("Alertmanager {Target} did not take {Count} alerts: {Error}", name, alerts.Count, error);
        }

        return error is null;
    }
}
