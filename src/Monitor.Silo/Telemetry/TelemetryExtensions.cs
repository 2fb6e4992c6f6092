using Microsoft.Extensions.Logging.Console;

namespace Monitor.Silo.Telemetry;

/// <summary>Registers the service instruments and the OpenTelemetry pipeline, and makes log lines carry trace and span ids.</summary>
public static class TelemetryExtensions
{
    /// <summary>Adds the telemetry services and log enrichment.</summary>
    public static WebApplicationBuilder AddMonitorTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<TelemetryOptions>(builder.Configuration.GetSection(TelemetryOptions.SectionName));
        builder.Services.AddSingleton<ServiceInstruments>();
        builder.Services.AddSingleton<TelemetryPipeline>();
        builder.Services.AddHostedService<AlertChangeMetrics>();

        // Every log line written inside a request or a traced operation names its trace and span (as a scope).
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.Configure<SimpleConsoleFormatterOptions>(console => console.IncludeScopes = true);
        return builder;
    }

    /// <summary>Starts the pipeline (so instruments are collected from the first request) and maps <c>/metrics</c>.</summary>
    public static WebApplication UseMonitorTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<TelemetryPipeline>();
        var settings = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value;
        if (settings.Enabled && settings.PrometheusEndpoint)
        {
            app.MapMetricsEndpoint();
        }

        return app;
    }
}
