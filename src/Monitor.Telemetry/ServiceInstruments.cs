using System.Diagnostics.Metrics;
using System.Diagnostics;

namespace Monitor.Telemetry;

/// <summary>The instruments of the service meter <c>Monitor</c>, created from the silo's <see cref="IMeterFactory"/>.</summary>
public sealed class ServiceInstruments
{
    /// <summary>The service's activity source.</summary>
    public static readonly ActivitySource ActivitySource = new(ServiceTelemetry.ActivitySourceName);

    /// <summary>Creates the instruments.</summary>
    public ServiceInstruments(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(new MeterOptions(ServiceTelemetry.MeterName));
        ObservationsAccepted = meter.CreateCounter<long>(ServiceTelemetry.ObservationsAccepted, "{observation}", "Observations stored");
        ObservationsRejected = meter.CreateCounter<long>(ServiceTelemetry.ObservationsRejected, "{observation}", "Observations refused, by field");
        ObservationsDuplicate = meter.CreateCounter<long>(ServiceTelemetry.ObservationsDuplicate, "{observation}", "Observations that were already stored");
        ImportRows = meter.CreateCounter<long>(ServiceTelemetry.ImportRows, "{row}", "CSV import rows, by outcome");
        IngestDuration = meter.CreateHistogram<double>(ServiceTelemetry.IngestDuration, "s", "Time to store an ingest batch and run detection",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        AlertChanges = meter.CreateCounter<long>(ServiceTelemetry.AlertChanges, "{change}", "Alert changes, by change and kind");
        DetectionLatency = meter.CreateHistogram<double>(ServiceTelemetry.DetectionLatency, "s", "From the start of an episode to its alert opening",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [60, 300, 900, 3600, 4 * 3600, 12 * 3600, 86400, 3 * 86400, 7 * 86400] });
        StreamClients = meter.CreateUpDownCounter<long>(ServiceTelemetry.StreamClients, "{client}", "Clients on the SSE alert stream");
        WebhookDeliveries = meter.CreateCounter<long>(ServiceTelemetry.WebhookDeliveries, "{attempt}", "Webhook delivery attempts, by outcome");
        WebhookFailures = meter.CreateCounter<long>(ServiceTelemetry.WebhookFailures, "{attempt}", "Webhook attempts that failed");
        WebhookLatency = meter.CreateHistogram<double>(ServiceTelemetry.WebhookLatency, "s", "Duration of one webhook attempt",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        WebhookPruned = meter.CreateCounter<long>(ServiceTelemetry.WebhookPruned, "{row}", "Delivered webhook rows pruned, by table");
        AlertmanagerAlerts = meter.CreateCounter<long>(ServiceTelemetry.AlertmanagerAlerts, "{alert}", "Alerts pushed to an Alertmanager, by target and outcome");
        AlertmanagerLatency = meter.CreateHistogram<double>(ServiceTelemetry.AlertmanagerLatency, "s", "Duration of one push to an Alertmanager, retries included",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    public Counter<long> ObservationsAccepted { get; }

    public Counter<long> ObservationsRejected { get; }

    public Counter<long> ObservationsDuplicate { get; }

    public Counter<long> ImportRows { get; }

    public Histogram<double> IngestDuration { get; }

    public Counter<long> AlertChanges { get; }

    public Histogram<double> DetectionLatency { get; }

    public UpDownCounter<long> StreamClients { get; }

    public Counter<long> WebhookDeliveries { get; }

    public Counter<long> WebhookFailures { get; }

    public Histogram<double> WebhookLatency { get; }

    public Counter<long> WebhookPruned { get; }

    public Counter<long> AlertmanagerAlerts { get; }

    public Histogram<double> AlertmanagerLatency { get; }
}
