using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>An X v2 problem (per-item error in a partial batch, or the body of an error status); v1.1-style bodies carry <c>code</c> and <c>message</c>.</summary>
public sealed record XProblem(
    [property: JsonPropertyName("value")] string? Value,
    [property: JsonPropertyName("resource_id")] string? ResourceId,
    [property: JsonPropertyName("resource_type")] string? ResourceType,
    [property: JsonPropertyName("parameter")] string? Parameter,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("message")] string? Message);
