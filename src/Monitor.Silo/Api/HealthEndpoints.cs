namespace Monitor.Silo.Api;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (storage answers a query).</summary>
public static class HealthEndpoints
{
    /// <summary>Tag of the checks that readiness runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Maps the two health endpoints.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new() { Predicate = _ => false }).WithTags("Health");
        routes.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(ReadyTag) }).WithTags("Health");
        return routes;
    }
}
