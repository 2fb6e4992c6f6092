using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.AccessControl;

namespace Monitor.Api;

/// <summary><c>/api/keys</c> (create, list, revoke), <c>/api/audit</c> (admin) and <c>/api/auth/whoami</c> (any key).</summary>
public static class KeyEndpoints
{
    /// <summary>Longest key name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Largest audit page.</summary>
    public const int MaxAuditPageSize = 1000;

    /// <summary>Maps the endpoints with their policies.</summary>
    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var keys = routes.MapGroup("/api/keys").WithTags("Access control").RequireAuthorization(MonitorPolicies.Admin);
        keys.MapPost("/", CreateAsync).Accepts<CreateApiKeyRequest>("application/json")
            .WithSummary("Creates an API key {role, name?, expiresAt?}; the answer holds the key, shown this once.");
        keys.MapGet("/", ListAsync).WithSummary("Every API key: id, name, role, created, expires, revoked, lastUsed (never the secret).");
        keys.MapDelete("/{id}", RevokeAsync)
            .WithSummary("Revokes an API key (it stops working at once); 409 for the last active admin key ('monitor keys revoke --force' offline).");
        routes.MapGet("/api/audit", ReadAuditAsync).WithTags("Access control").RequireAuthorization(MonitorPolicies.Admin)
            .WithSummary("Admin actions, newest first; page with ?before=<id>&limit=.");
        routes.MapGet("/api/auth/whoami", WhoAmI).WithTags("Access control").RequireAuthorization(MonitorPolicies.Reader)
            .WithSummary("The caller's role and key id; open=true in open trial mode.");
        return routes;
    }

    /// <summary>What the request's principal is, as whoami reports it.</summary>
    public static WhoAmI Describe(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var open = user.HasClaim(ApiKeyAuthenticationHandler.OpenClaim, "true");
        return new WhoAmI(
            user.FindFirstValue(ClaimTypes.Role) ?? ApiKeyRoles.Reader,
            open ? null : user.FindFirstValue(ClaimTypes.NameIdentifier),
            open ? null : user.FindFirstValue(ClaimTypes.Name),
            open);
    }

    private static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        HttpContext context, KeyRing ring, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateApiKeyRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (!ApiKeyRoles.IsValid(body!.Role))
        {
            return ApiProblems.InvalidField("role", body.Role, $"must be {string.Join(", ", ApiKeyRoles.All)}");
        }

        if (body.Name is { Length: > MaxNameLength })
        {
            return ApiProblems.InvalidField("name", body.Name[..20] + "...", $"must be at most {MaxNameLength} characters");
        }

        if (body.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            return ApiProblems.InvalidField("expiresAt", expires.ToString("O"), "must be in the future");
        }

        if (body.Role != ApiKeyRoles.Admin && await ring.IsFirstKeyAsync(context.RequestAborted))
        {
            return ApiProblems.InvalidField("role", body.Role, KeyRing.FirstKeyMustBeAdmin);
        }

        var created = await ring.CreateAsync(body.Role!, body.Name, body.ExpiresAt, context.RequestAborted);
        context.Items[AuditMiddleware.TargetItem] = $"key {created.Details.Id} ({created.Details.Role})";
        return TypedResults.Created($"/api/keys/{created.Details.Id}", created);
    }

    private static async Task<Ok<IReadOnlyList<ApiKeyView>>> ListAsync(KeyRing ring, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ring.ListAsync(cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string id, KeyRing ring, CancellationToken cancellationToken) =>
        (await ring.RevokeAsync(id, force: false, cancellationToken)).Outcome switch
        {
            KeyRevocation.Revoked => TypedResults.NoContent(),
            KeyRevocation.LastAdmin => ApiProblems.Conflict(
                "Last admin key",
                $"API key '{id}' is the last active admin key: create another admin key first. Without one nobody could manage keys " +
                "(the silo does not return to open mode); to revoke it anyway, stop the silo and run 'monitor keys revoke --force' on its storage."),
            _ => ApiProblems.NotFound("API key", id),
        };

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> ReadAuditAsync(
        long? before, int? limit, AuditLog audit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxAuditPageSize)
        {
            return ApiProblems.InvalidField("limit", limit, $"must be between 1 and {MaxAuditPageSize}");
        }

        if (before is < 1)
        {
            return ApiProblems.InvalidField("before", before, "must be an audit entry id (1 or more)");
        }

        return TypedResults.Ok(await audit.ReadAsync(before, limit ?? 100, cancellationToken));
    }

    private static Ok<WhoAmI> WhoAmI(ClaimsPrincipal user) => TypedResults.Ok(Describe(user));
}
