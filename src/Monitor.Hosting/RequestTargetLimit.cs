using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Monitor.Hosting;

/// <summary>
/// Answers a request target (path and query) longer than <see cref="MaxTargetBytes"/> with a problem+json 414.
/// </summary>
/// <remarks>
/// Kestrel answers a request line over its own <see cref="KestrelServerLimits.MaxRequestLineSize"/> (8 KB by default)
/// before any middleware runs, with an empty body and no hook to change it. So the silo raises Kestrel's limit to
/// <see cref="KestrelRequestLineBytes"/> and applies its own lower bound here, where the answer can say what went wrong.
/// </remarks>
public sealed class RequestTargetLimit(RequestDelegate next, IProblemDetailsService problems)
{
    /// <summary>The longest request target (path and query, as sent) the API accepts.</summary>
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>Kestrel's request line limit: longer lines still get Kestrel's own empty 414 (docs/operations.md).</summary>
    public const int KestrelRequestLineBytes = 256 * 1024;

    /// <summary>Raises Kestrel's request line limit so <see cref="RequestTargetLimit"/> sees long targets.</summary>
    public static void ConfigureKestrel(KestrelServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.MaxRequestLineSize = KestrelRequestLineBytes;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty;
        if (target.Length <= MaxTargetBytes)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status414UriTooLong;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status414UriTooLong,
            Title = "Request target too long",
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"The path and query are {target.Length} characters long; at most {MaxTargetBytes} are accepted. Send long values in a request body."),
            Extensions = { ["limit"] = MaxTargetBytes },
        };
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
        }
    }
}
