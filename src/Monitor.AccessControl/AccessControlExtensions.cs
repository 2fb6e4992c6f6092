using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Monitor.AccessControl;

/// <summary>Registers and plugs in API-key authentication, the role policies, per-key rate limits and the audit log.</summary>
public static class AccessControlExtensions
{
    /// <summary>Adds the services; <paramref name="loopbackOnly"/> says whether every listening address is loopback.</summary>
    public static IServiceCollection AddMonitorAccessControl(this IServiceCollection services, IConfiguration configuration, bool loopbackOnly)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<AccessControlOptions>(configuration.GetSection(AccessControlOptions.SectionName));
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton(provider => new KeyRing(
            provider.GetRequiredService<ApiKeyStore>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<AccessControlOptions>>(),
            loopbackOnly));
        services.AddHostedService<AccessModeGuard>();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(MonitorPolicies.Reader, policy => policy.RequireRole(ApiKeyRoles.Reader, ApiKeyRoles.Writer, ApiKeyRoles.Admin))
            .AddPolicy(MonitorPolicies.Writer, policy => policy.RequireRole(ApiKeyRoles.Writer, ApiKeyRoles.Admin))
            .AddPolicy(MonitorPolicies.Admin, policy => policy.RequireRole(ApiKeyRoles.Admin));

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = WriteRejectionAsync;
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AccessControlOptions>>((limiter, access) =>
            limiter.GlobalLimiter = CreatePerKeyLimiter(access.Value));
        return services;
    }

    /// <summary>
    /// The cross-site request guard, authentication, per-key rate limiting, authorization and the audit log, in that order
    /// (after routing).
    /// </summary>
    public static WebApplication UseMonitorAccessControl(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<CrossSiteRequestGuard>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<AuditMiddleware>();
        return app;
    }

    private static PartitionedRateLimiter<HttpContext> CreatePerKeyLimiter(AccessControlOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            // Keys are limited per key; requests without a valid key per client address; open trial mode not at all.
            var keyId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
            if (keyId is null)
            {
                if (context.User.HasClaim(ApiKeyAuthenticationHandler.OpenClaim, "true") || options.AnonymousRateLimitBurst <= 0)
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                return RateLimitPartition.GetTokenBucketLimiter(AnonymousPartition(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.AnonymousRateLimitBurst,
                    TokensPerPeriod = Math.Max(1, options.AnonymousRateLimitPermits),
                    ReplenishmentPeriod = options.RateLimitPeriod,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            }

            if (options.RateLimitBurst <= 0)
            {
                return RateLimitPartition.GetNoLimiter("unlimited");
            }

            return RateLimitPartition.GetTokenBucketLimiter("key:" + keyId, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.RateLimitBurst,
                TokensPerPeriod = Math.Max(1, options.RateLimitPermits),
                ReplenishmentPeriod = options.RateLimitPeriod,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });

    // IPv4-mapped IPv6 and plain IPv4 are one client.
    private static string AnonymousPartition(HttpContext context) =>
        "address:" + (context.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : "unknown");

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = (long)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var keyId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests",
            Detail = keyId is null
                ? $"Too many requests without a valid API key from this address; retry after {seconds} s."
                : $"API key '{keyId}' is over its rate limit; retry after {seconds} s.",
        };
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", cancellationToken);
        }
    }
}
