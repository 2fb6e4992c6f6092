using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Monitor.AccessControl;

/// <summary>
/// Records every change made through an admin endpoint (any method but GET/HEAD/OPTIONS) in the audit log once it has been
/// answered: who (key id and name, or "open"), what (method and path), the target, when, and the status.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, AuditLog audit, TimeProvider time, ILogger<AuditMiddleware> logger)
{
    /// <summary>An endpoint sets this <see cref="HttpContext.Items"/> entry to name what it changed (e.g. a new key's id).</summary>
    public const string TargetItem = "monitor:audit-target";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
            || !IsAdminEndpoint(context.GetEndpoint()))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            await RecordAsync(context);
        }
    }

    private static bool IsAdminEndpoint(Endpoint? endpoint) =>
        endpoint?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(data => data.Policy == MonitorPolicies.Admin) == true;

    private async Task RecordAsync(HttpContext context)
    {
        var user = context.User;
        var open = user.HasClaim(ApiKeyAuthenticationHandler.OpenClaim, "true");
        var target = context.Items[TargetItem] as string
            ?? (context.Request.RouteValues.Count > 0
                ? string.Join(',', context.Request.RouteValues.Select(value => $"{value.Key}={value.Value}"))
                : null);
        var entry = new AuditEntry(
            0,
            time.GetUtcNow(),
            open ? "open" : user.FindFirstValue(ClaimTypes.NameIdentifier),
            open ? "open trial mode" : user.FindFirstValue(ClaimTypes.Name),
            $"{context.Request.Method} {context.Request.Path}",
            target,
            context.Response.StatusCode);
        try
        {
            await audit.AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            logger.LogError(ex, "Could not record the audit entry for {Action} by {Actor}", entry.Action, entry.ActorId);
        }
    }
}
