using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>A Graph API error: codes 4, 17, 32 and 613 are throttling, 190 an expired or invalid token, 100/110 an unknown object.</summary>
public sealed record GraphError(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("error_subcode")] int? ErrorSubcode);
