using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>The error object of a Google API error.</summary>
public sealed record GoogleError(
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("errors")] IReadOnlyList<GoogleErrorItem>? Errors);
