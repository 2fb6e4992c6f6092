using Microsoft.AspNetCore.Http.HttpResults;

namespace Monitor.Api;

/// <summary>The API's RFC 9457 problem responses, so every endpoint words the same failure the same way.</summary>
public static class ApiProblems
{
    /// <summary>400 naming one invalid field, its value and the rule it breaks.</summary>
    public static ValidationProblem InvalidField(string field, object? value, string reason) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [reason] },
            detail: $"'{field}' has the invalid value {Quote(value)}: {reason}",
            title: $"Invalid {field}");

    /// <summary>A 400 for a page size outside 1..<paramref name="maxPageSize"/>, or null when it is inside (or not given).</summary>
    public static ValidationProblem? InvalidPageSize(int? limit, int maxPageSize) =>
        limit is < 1 || limit > maxPageSize ? InvalidField("limit", limit, $"must be between 1 and {maxPageSize}") : null;

    /// <summary>404 for a thing that does not exist.</summary>
    public static ProblemHttpResult NotFound(string what, string key) =>
        TypedResults.Problem(
            title: $"{what} not found",
            detail: $"There is no {what.ToLowerInvariant()} '{key}'.",
            statusCode: StatusCodes.Status404NotFound);

    /// <summary>409 for creating a thing that already exists.</summary>
    /// <param name="remedy">What the caller can do instead, for things that have no PUT.</param>
    public static ProblemHttpResult AlreadyExists(string what, string key, string remedy = "use PUT to update it") =>
        TypedResults.Problem(
            title: $"{what} already exists",
            detail: $"{what} '{key}' already exists; {remedy}.",
            statusCode: StatusCodes.Status409Conflict);

    /// <summary>409 for a change the thing's current state does not allow.</summary>
    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);

    /// <summary>413 for a request larger than the configured limit.</summary>
    public static ProblemHttpResult TooLarge(string detail, long limit) =>
        TypedResults.Problem(
            title: "Request too large",
            detail: detail,
            statusCode: StatusCodes.Status413PayloadTooLarge,
            extensions: new Dictionary<string, object?> { ["limit"] = limit });

    /// <summary>415 for a body in a media type the endpoint does not read.</summary>
    public static ProblemHttpResult UnsupportedMediaType(string? contentType, string supported) =>
        TypedResults.Problem(
            title: "Unsupported media type",
            detail: $"Content-Type {Quote(contentType)} is not accepted here; send {supported}.",
            statusCode: StatusCodes.Status415UnsupportedMediaType);

    /// <summary>415 for a body in a charset the endpoint does not decode.</summary>
    public static ProblemHttpResult UnsupportedCharset(string? charset, string supported) =>
        TypedResults.Problem(
            title: "Unsupported charset",
            detail: $"The body's charset {Quote(charset)} is not accepted here; send {supported}.",
            statusCode: StatusCodes.Status415UnsupportedMediaType);

    /// <summary>400 for a body that is not well-formed JSON, naming where the parser stopped.</summary>
    public static ProblemHttpResult MalformedJson(string where, string reason) =>
        TypedResults.Problem(
            title: "Malformed JSON",
            detail: $"The request body is not valid JSON at {where}: {reason}",
            statusCode: StatusCodes.Status400BadRequest);

    /// <summary>A System.Text.Json message without the "Path: ... | LineNumber: ..." suffix, which problems word themselves.</summary>
    public static string WithoutJsonPosition(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        cut = cut > 0 ? cut : message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    // A value is quoted up to this many characters: a 100 KB value must not come back as a 100 KB problem.
    private const int MaxQuotedLength = 100;

    private static string Quote(object? value) => value switch
    {
        null => "null",
        string text => $"'{Shorten(text)}'",
        _ => $"'{Shorten(value.ToString() ?? "")}'",
    };

    private static string Shorten(string text) => text.Length <= MaxQuotedLength ? text : text[..MaxQuotedLength] + "…";
}
