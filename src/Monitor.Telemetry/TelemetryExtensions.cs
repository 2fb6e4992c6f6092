using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Monitor.Telemetry;

/// <summary>
/// Registers the service instruments and OpenTelemetry (<c>services.AddOpenTelemetry()</c>): metrics of the service, Orleans,
/// Monitor's storage, ASP.NET Core, HttpClient, the .NET runtime and Npgsql, scraped at <c>/metrics</c> by the Prometheus
/// exporter and sent over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, with traces of the same sources.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Adds the telemetry services and log enrichment.</summary>
    public static WebApplicationBuilder AddMonitorTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(TelemetryOptions.SectionName);
        builder.Services.Configure<TelemetryOptions>(section);
        builder.Services.AddSingleton<ServiceInstruments>();
        builder.Services.AddHostedService<AlertChangeMetrics>();

        // Every log line written inside a request or a traced operation names its trace and span (as a scope).
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.Configure<SimpleConsoleFormatterOptions>(console => console.IncludeScopes = true);

        var settings = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!settings.Enabled)
        {
            return builder;
        }

        builder.Services.AddSingleton<OrleansLatencyInSeconds>();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ServiceTelemetry.Meters)
                    .AddView(PrometheusConventions.View)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (settings.PrometheusEndpoint)
                {
                    // No response cache: a scrape right after a request must see it (tests, and operators' curl).
                    metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter((_, reader) =>
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = settings.OtlpExportIntervalMilliseconds);
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ServiceTelemetry.ActivitySources)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>Maps <c>/metrics</c> (Prometheus text, anonymous like the health endpoints) while telemetry and the endpoint are on.</summary>
    public static WebApplication UseMonitorTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value;
        if (!settings.Enabled)
        {
            return app;
        }

        // Collect from before the host starts (Orleans' silo starts first among the hosted services).
        app.Services.GetRequiredService<OrleansLatencyInSeconds>();
        app.Services.GetRequiredService<MeterProvider>();
        if (settings.PrometheusEndpoint)
        {
            app.MapPrometheusScrapingEndpoint()
                .WithTags("Telemetry")
                .AllowAnonymous()
                .WithSummary("Metrics in Prometheus text format (service, Orleans, storage, runtime, ASP.NET Core, HttpClient, Npgsql).");
        }

        return app;
    }
}
