namespace Monitor.Telemetry;

/// <summary>Names of the service's meter, activity source and instruments (beside Orleans' <c>Microsoft.Orleans</c> and the storage's <c>Monitor.Storage</c>).</summary>
public static class ServiceTelemetry
{
    /// <summary>The service meter.</summary>
    public const string MeterName = "Monitor";

    /// <summary>The meters exported beside the instrumentation packages' (ASP.NET Core, HttpClient, runtime, Npgsql): the service's, Orleans' (with its latencies in seconds) and the storage's.</summary>
    public static readonly string[] Meters = [MeterName, OrleansLatencyInSeconds.OrleansMeterName, OrleansLatencyInSeconds.MeterName, "Monitor.Storage"];

    /// <summary>The activity sources traced beside the instrumentation packages': Orleans' and the service's.</summary>
    public static readonly string[] ActivitySources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", ActivitySourceName];

    /// <summary>The service activity source (webhook deliveries).</summary>
    public const string ActivitySourceName = "Monitor";

    /// <summary>Counter: observations stored by <c>POST /api/observations</c>.</summary>
    public const string ObservationsAccepted = "monitor.observations.accepted";

    /// <summary>Counter: observations refused (per item), tagged <c>field</c>.</summary>
    public const string ObservationsRejected = "monitor.observations.rejected";

    /// <summary>Counter: observations already stored (idempotent repeats).</summary>
    public const string ObservationsDuplicate = "monitor.observations.duplicate";

    /// <summary>Counter: data rows of CSV imports, tagged <c>outcome</c> (accepted, duplicate, rejected).</summary>
    public const string ImportRows = "monitor.import.rows";

    /// <summary>Histogram (s): time to make an ingest batch durable and run the detectors over it, until the answer.</summary>
    public const string IngestDuration = "monitor.ingest.duration";

    /// <summary>Counter: alert changes, tagged <c>change</c> (opened, updated, acknowledged, resolved) and <c>kind</c>.</summary>
    public const string AlertChanges = "monitor.alerts.changes";

    /// <summary>Histogram (s): detection latency, from the start of an episode (data time) to the silo opening its alert.</summary>
    public const string DetectionLatency = "monitor.alerts.detection_latency";

    /// <summary>Up-down counter: clients connected to the SSE alert stream.</summary>
    public const string StreamClients = "monitor.stream.clients";

    /// <summary>Counter: webhook delivery attempts, tagged <c>receiver</c> and <c>outcome</c> (delivered, failed, dead).</summary>
    public const string WebhookDeliveries = "monitor.webhooks.deliveries";

    /// <summary>Counter: webhook attempts that failed (non-2xx, timeout or connection error), tagged <c>receiver</c>.</summary>
    public const string WebhookFailures = "monitor.webhooks.failures";

    /// <summary>Histogram (s): duration of one webhook HTTP attempt.</summary>
    public const string WebhookLatency = "monitor.webhooks.latency";

    /// <summary>Counter: webhook outbox and delivery rows pruned after delivery, tagged <c>table</c>.</summary>
    public const string WebhookPruned = "monitor.webhooks.pruned";

    /// <summary>Counter: alerts pushed to an Alertmanager, tagged <c>target</c> and <c>outcome</c> (sent, failed).</summary>
    public const string AlertmanagerAlerts = "monitor.alertmanager.alerts";

    /// <summary>Histogram (s): duration of one push to an Alertmanager, retries included, tagged <c>target</c>.</summary>
    public const string AlertmanagerLatency = "monitor.alertmanager.latency";
}
