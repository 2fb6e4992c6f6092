using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitor.Api;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (storage answers a query).</summary>
public static class HealthEndpoints
{
    /// <summary>Tag of the checks that readiness runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Maps the two health endpoints (as route handlers, so the OpenAPI document lists them).</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        var health = routes.MapGroup("/health").WithTags("Health").AllowAnonymous();
        health.MapGet("/live", () => TypedResults.Text(nameof(HealthStatus.Healthy)))
            .WithSummary("200 while the process answers.");
        health.MapGet("/ready", ReadyAsync)
            .WithSummary("200 when storage answers a query, 503 otherwise.");
        return routes;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ReadyAsync(HealthCheckService checks, CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(check => check.Tags.Contains(ReadyTag), cancellationToken);
        if (report.Status == HealthStatus.Healthy)
        {
            return TypedResults.Text(nameof(HealthStatus.Healthy));
        }

        var failures = report.Entries.Where(entry => entry.Value.Status != HealthStatus.Healthy)
            .Select(entry => $"{entry.Key}: {entry.Value.Description} {entry.Value.Exception?.Message}".Trim());
        return TypedResults.Problem(
            title: "Not ready",
            detail: string.Join("; ", failures),
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
