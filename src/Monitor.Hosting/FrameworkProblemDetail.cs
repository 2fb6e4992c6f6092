using Microsoft.AspNetCore.Http.Metadata;

namespace Monitor.Hosting;

/// <summary>
/// Gives the problems the framework writes itself (an unknown path, a method or media type an endpoint does not take) the
/// <c>detail</c> every problem of the API carries, saying what to send instead.
/// </summary>
public static class FrameworkProblemDetail
{
    /// <summary>Fills in <c>detail</c> when the framework left it empty.</summary>
    public static void Add(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!string.IsNullOrEmpty(context.ProblemDetails.Detail))
        {
            return;
        }

        var http = context.HttpContext;
        var request = http.Request;
        var path = request.Path.Value is { Length: > 100 } long_ ? long_[..100] + "…" : request.Path.Value;
        context.ProblemDetails.Detail = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"There is nothing at {path}; the API is described at /openapi/v1.json.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {path}" +
                (http.Response.Headers.Allow.Count > 0 ? $"; allowed: {http.Response.Headers.Allow}." : "."),
            StatusCodes.Status415UnsupportedMediaType => $"Content-Type '{request.ContentType}' is not accepted on {path}" +
                (http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { ContentTypes.Count: > 0 } accepts ? $"; send {string.Join(" or ", accepts.ContentTypes)}." : "."),
            StatusCodes.Status400BadRequest => "The request is malformed.",
            _ => context.ProblemDetails.Title ?? "The request failed.",
        };
    }
}
