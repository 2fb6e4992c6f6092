using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Monitor.AccessControl;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c> against the <see cref="KeyRing"/>;
/// in open trial mode every request is admin. Challenges and refusals are problem+json 401 and 403.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    KeyRing keys,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The alternative header to <c>Authorization: Bearer</c>.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The cookie that carries the key to Orleans' dashboard (honoured under its path only).</summary>
    public const string OrleansDashboardKeyCookie = "monitor-orleans-key";

    /// <summary>Where Orleans' dashboard is served (admin role only), the one path that honours the cookie.</summary>
    public const string OrleansDashboardPath = "/orleans";

    /// <summary>Claim set on the principal of open trial mode.</summary>
    public const string OpenClaim = "monitor:open";

    private const string FailureItem = "monitor:auth-failure";

    /// <summary>The identity every request has in open trial mode.</summary>
    public static ClaimsPrincipal OpenPrincipal { get; } = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Role, ApiKeyRoles.Admin), new Claim(OpenClaim, "true")], SchemeName));

    /// <summary>The key presented on the request, or null.</summary>
    public static string? ReadPresentedKey(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = request.Headers[ApiKeyHeader].ToString();
        if (header.Length > 0)
        {
            return header.Trim();
        }

        // Orleans' dashboard is a browser page that cannot send a header: the page's sign-in leaves the key in a SameSite
        // cookie scoped to its path (wwwroot/js/api.js), honoured there only.
        return request.Path.StartsWithSegments(OrleansDashboardPath, StringComparison.OrdinalIgnoreCase)
            && request.Cookies.TryGetValue(OrleansDashboardKeyCookie, out var cookie) && cookie.Length > 0
            ? cookie.Trim()
            : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var cancellationToken = Context.RequestAborted;
        if (await keys.IsOpenAsync(cancellationToken))
        {
            return AuthenticateResult.Success(new AuthenticationTicket(OpenPrincipal, SchemeName));
        }

        var presented = ReadPresentedKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var (check, key) = await keys.VerifyAsync(presented, cancellationToken);
        if (check != KeyCheck.Valid)
        {
            // The message names the key id at most, never the presented text.
            var reason = check switch
            {
                KeyCheck.Revoked => $"API key '{key!.Id}' was revoked at {key.RevokedAt:O}.",
                KeyCheck.Expired => $"API key '{key!.Id}' expired at {key.ExpiresAt:O}.",
                _ => "The API key is not valid.",
            };
            Context.Items[FailureItem] = reason;
            return AuthenticateResult.Fail(reason);
        }

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, key!.Id), new(ClaimTypes.Role, key.Role) };
        if (key.Name is not null)
        {
            claims.Add(new Claim(ClaimTypes.Name, key.Name));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"monitor\"";
        var detail = Context.Items[FailureItem] as string
            ?? $"This endpoint needs an API key: send 'Authorization: Bearer <key>' or '{ApiKeyHeader}: <key>'.";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var required = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().LastOrDefault(data => data.Policy is not null)?.Policy;
        var role = Context.User.FindFirstValue(ClaimTypes.Role);
        var id = Context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var detail = required is null
            ? $"API key '{id}' (role {role}) may not do this."
            : $"This endpoint needs a {required} key (or a stronger role); API key '{id}' has role {role}.";
        await WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", detail);
    }

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = problem }))
        {
            await Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
        }
    }
}
