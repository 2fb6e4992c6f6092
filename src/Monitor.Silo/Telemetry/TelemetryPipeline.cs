using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Monitor.Silo.Telemetry;

/// <summary>
/// The silo's OpenTelemetry providers, built and disposed with it: metrics of the service, Orleans, Monitor's storage, .NET (GC, thread pool, lock contention), ASP.NET Core and
/// Npgsql, read on demand for <c>/metrics</c> and exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; traces of the
/// same sources over OTLP.
/// </summary>
public sealed class TelemetryPipeline : IDisposable
{
    /// <summary>The meters collected.</summary>
    public static readonly string[] Meters =
    [
        ServiceTelemetry.MeterName, "Microsoft.Orleans", "Monitor.Storage", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.RateLimiting", "Npgsql", "System.Runtime",
    ];

    /// <summary>The activity sources traced.</summary>
    public static readonly string[] ActivitySources =
        ["Microsoft.AspNetCore", "Npgsql", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", ServiceTelemetry.ActivitySourceName];

    private readonly PrometheusTextExporter _exporter = new();
    private readonly BaseExportingMetricReader _reader;
    private readonly MeterProvider _meters;
    private readonly TracerProvider? _tracer;
    private readonly Lock _scrape = new();

    /// <summary>Builds the providers (OTLP only when the endpoint variable is set).</summary>
    public TelemetryPipeline(IOptions<TelemetryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        var resource = ResourceBuilder.CreateDefault().AddService(settings.ServiceName);
        _reader = new BaseExportingMetricReader(_exporter);
        var meters = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddReader(_reader);
        if (settings.Enabled)
        {
            meters.AddMeter(Meters);
        }

        otlp &= settings.Enabled;
        if (otlp)
        {
            meters.AddOtlpExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = settings.OtlpExportIntervalMilliseconds);
            _tracer = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(ActivitySources).AddOtlpExporter().Build();
        }

        _meters = meters.Build();
        OtlpEnabled = otlp;
    }

    /// <summary>True when metrics and traces go to an OTLP endpoint.</summary>
    public bool OtlpEnabled { get; }

    /// <summary>Collects now and returns the Prometheus text.</summary>
    public string Scrape()
    {
        lock (_scrape)
        {
            _reader.Collect();
            return _exporter.Last;
        }
    }

    public void Dispose()
    {
        _tracer?.Dispose();
        _meters.Dispose();
        _exporter.Dispose();
    }
}
