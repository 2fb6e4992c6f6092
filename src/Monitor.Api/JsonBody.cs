using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Monitor.Api;

/// <summary>
/// Reads a small JSON request body into a DTO and turns every failure into a problem that says where and why,
/// which the framework's own binder reports only as a bare 400.
/// </summary>
public static class JsonBody
{
    /// <summary>The body deserialised, or the problem to answer with; a missing body gives the default when <paramref name="optional"/>.</summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, bool optional = false)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        var empty = request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any());
        if (empty)
        {
            return optional
                ? (null, null)
                : (null, TypedResults.Problem(title: "Missing body", detail: $"This request needs a JSON body ({typeof(T).Name}).", statusCode: StatusCodes.Status400BadRequest));
        }

        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.UnsupportedMediaType(request.ContentType, "application/json"));
        }

        if (!RequestCharset.IsUtf8(request.ContentType))
        {
            return (null, ApiProblems.UnsupportedCharset(RequestCharset.Declared(request.ContentType), "utf-8 (JSON is always UTF-8)"));
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted);
            return value is null && !optional
                ? (null, TypedResults.Problem(title: "Missing body", detail: $"The body is JSON null; this request needs a {typeof(T).Name}.", statusCode: StatusCodes.Status400BadRequest))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line
                ? $"line {line + 1}, position {ex.BytePositionInLine + 1}{(ex.Path is { Length: > 0 } path ? $" (path {path})" : "")}"
                : "an unknown position";
            return (null, TypedResults.Problem(
                title: "Invalid request body",
                detail: $"The body could not be read as {typeof(T).Name} at {where}: {ApiProblems.WithoutJsonPosition(ex.Message)}",
                statusCode: StatusCodes.Status400BadRequest));
        }
    }
}
