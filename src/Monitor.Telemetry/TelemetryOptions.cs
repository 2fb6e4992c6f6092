namespace Monitor.Telemetry;

/// <summary>Settings of metrics and traces (<c>Monitor:Telemetry</c>); OTLP export is on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Monitor:Telemetry";

    /// <summary>False collects no metrics or traces at all (no /metrics either); for measuring what telemetry costs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The service.name resource attribute.</summary>
    public string ServiceName { get; set; } = "monitor-silo";

    /// <summary>Serve GET /metrics (Prometheus text, anonymous).</summary>
    public bool PrometheusEndpoint { get; set; } = true;

    /// <summary>Milliseconds between OTLP metric exports.</summary>
    public int OtlpExportIntervalMilliseconds { get; set; } = 15_000;
}
