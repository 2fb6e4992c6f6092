namespace Monitor.Silo.Telemetry;

/// <summary>Settings of metrics and traces (<c>Monitor:Telemetry</c>); OTLP export is on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Monitor:Telemetry";

    // False collects no metrics or traces at all (no /metrics either); for measuring what telemetry costs.
    public bool Enabled { get; set; } = true;

    // The service.name resource attribute.
    public string ServiceName { get; set; } = "monitor-silo";

    // Serve GET /metrics (Prometheus text, anonymous).
    public bool PrometheusEndpoint { get; set; } = true;

    // Milliseconds between OTLP metric exports.
    public int OtlpExportIntervalMilliseconds { get; set; } = 15_000;
}
