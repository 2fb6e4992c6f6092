namespace Monitor.Silo.Telemetry;

/// <summary><c>GET /metrics</c>: the silo's metrics in Prometheus text format 0.0.4, anonymous like the health endpoints.</summary>
public static class MetricsEndpoint
{
    /// <summary>The content type of the text exposition format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/metrics", (TelemetryPipeline telemetry) => TypedResults.Text(telemetry.Scrape(), ContentType))
            .WithTags("Telemetry")
            .AllowAnonymous()
            .WithSummary("Metrics in Prometheus text format 0.0.4 (service, runtime, ASP.NET Core, Npgsql).");
        return routes;
    }
}
