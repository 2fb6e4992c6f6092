using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>A Graph API error body.</summary>
public sealed record GraphErrorResponse([property: JsonPropertyName("error")] GraphError? Error);
