using Monitor.AccessControl;

namespace Monitor.Api;

/// <summary>Maps an endpoint together with the role it needs: readers read, writers add data (annotations), admins change (JSON bodies).</summary>
internal static class RoleEndpoints
{
    /// <summary>A GET that readers (and admins) may call.</summary>
    public static RouteHandlerBuilder MapReaderGet(this IEndpointRouteBuilder routes, string pattern, Delegate handler, string summary) =>
        routes.MapGet(pattern, handler).WithSummary(summary).RequireAuthorization(MonitorPolicies.Reader);

    /// <summary>A POST with a JSON <typeparamref name="TBody"/> that only admins may call.</summary>
    public static RouteHandlerBuilder MapAdminPost<TBody>(this IEndpointRouteBuilder routes, string pattern, Delegate handler, string summary)
        where TBody : notnull =>
        routes.MapPost(pattern, handler).Accepts<TBody>("application/json").WithSummary(summary).RequireAuthorization(MonitorPolicies.Admin);

    /// <summary>A POST with a JSON <typeparamref name="TBody"/> that writers (and admins) may call.</summary>
    public static RouteHandlerBuilder MapWriterPost<TBody>(this IEndpointRouteBuilder routes, string pattern, Delegate handler, string summary)
        where TBody : notnull =>
        routes.MapPost(pattern, handler).Accepts<TBody>("application/json").WithSummary(summary).RequireAuthorization(MonitorPolicies.Writer);

    /// <summary>A DELETE that writers (and admins) may call.</summary>
    public static RouteHandlerBuilder MapWriterDelete(this IEndpointRouteBuilder routes, string pattern, Delegate handler, string summary) =>
        routes.MapDelete(pattern, handler).WithSummary(summary).RequireAuthorization(MonitorPolicies.Writer);

    /// <summary>A PUT with a JSON <typeparamref name="TBody"/> that only admins may call.</summary>
    public static RouteHandlerBuilder MapAdminPut<TBody>(this IEndpointRouteBuilder routes, string pattern, Delegate handler, string summary)
        where TBody : notnull =>
        routes.MapPut(pattern, handler).Accepts<TBody>("application/json").WithSummary(summary).RequireAuthorization(MonitorPolicies.Admin);

    /// <summary>A PUT without a body that only admins may call.</summary>
    public static RouteHandlerBuilder MapAdminPut(this IEndpointRouteBuilder routes, string pattern, Delegate handler, string summary) =>
        routes.MapPut(pattern, handler).WithSummary(summary).RequireAuthorization(MonitorPolicies.Admin);

    /// <summary>A DELETE that only admins may call.</summary>
    public static RouteHandlerBuilder MapAdminDelete(this IEndpointRouteBuilder routes, string pattern, Delegate handler, string summary) =>
        routes.MapDelete(pattern, handler).WithSummary(summary).RequireAuthorization(MonitorPolicies.Admin);
}
