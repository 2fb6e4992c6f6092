using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>A Google API error body: <c>{"error": {"code", "message", "errors": [{"reason"}]}}</c>.</summary>
public sealed record GoogleErrorResponse([property: JsonPropertyName("error")] GoogleError? Error);
