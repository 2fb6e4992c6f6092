using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Monitor.AccessControl;

/// <summary>
/// Refuses state-changing requests (POST, PUT, PATCH, DELETE) a page on another site could make a browser send: one
/// marked cross-site or same-site by <c>Sec-Fetch-Site</c>, one whose <c>Origin</c> is not the silo's own, one with a body
/// in a media type a form or a no-cors fetch may send without a preflight, and one that carries neither an API key nor
/// <see cref="ClientHeader"/>. Those two are headers a browser only sends cross-site after a CORS preflight, which the silo
/// never grants; in open trial mode (no key) the header is what the dashboard, the command line and scripts send.
/// </summary>
public sealed class CrossSiteRequestGuard(RequestDelegate next, IProblemDetailsService problems)
{
    /// <summary>The header non-browser clients and the dashboard's own scripts send on state-changing requests.</summary>
    public const string ClientHeader = Monitor.Abstractions.Http.ApiConventions.ClientHeader;

    // The media types a browser sends cross-site without a preflight (the CORS-safelisted Content-Type values).
    private static readonly string[] SimpleMediaTypes = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"];

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            await next(context);
            return;
        }

        var refusal = Check(request);
        if (refusal is null)
        {
            await next(context);
            return;
        }

        var (status, detail) = refusal.Value;
        context.Response.StatusCode = status;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = status == StatusCodes.Status415UnsupportedMediaType ? "Unsupported media type" : "Cross-site request refused",
            Detail = detail,
        };
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
        }
    }

    private static (int Status, string Detail)? Check(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none"))
        {
            return (StatusCodes.Status403Forbidden, $"The browser marked this request Sec-Fetch-Site: {Shorten(fetchSite)}; state-changing requests are accepted only from the silo's own pages and from clients that are not browsers.");
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsOwnOrigin(origin, request))
        {
            return (StatusCodes.Status403Forbidden, $"Origin {Shorten(origin)} is not this silo ({request.Host}); state-changing requests are accepted only from the silo's own pages and from clients that are not browsers.");
        }

        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.ToString() : null;
        if (hasBody && (mediaType is null || SimpleMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase)))
        {
            return (StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type {(request.ContentType is { Length: > 0 } type ? $"'{Shorten(type)}'" : "(none)")} is not accepted for a request that changes state; " +
                "send application/json, application/x-ndjson or text/csv, as the endpoint reads.");
        }

        var hasKey = request.Headers.Authorization.Count > 0 || request.Headers[ApiKeyAuthenticationHandler.ApiKeyHeader].Count > 0;
        if (!hasKey && request.Headers[ClientHeader].Count == 0)
        {
            return (StatusCodes.Status403Forbidden,
                $"A request that changes state needs an API key ('Authorization: Bearer <key>' or '{ApiKeyAuthenticationHandler.ApiKeyHeader}: <key>') " +
                $"or, in open trial mode, the header '{ClientHeader}: <any name>', which another site's page cannot make a browser send.");
        }

        return null;
    }

    // The Origin's host and port must be the Host the request was sent to (scheme aside: TLS may end at a proxy).
    private static bool IsOwnOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && request.Host.HasValue
        && (string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || string.Equals($"{uri.Host}:{uri.Port}", request.Host.Value, StringComparison.OrdinalIgnoreCase));

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
