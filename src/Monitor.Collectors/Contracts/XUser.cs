using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>An X user: the id is a 64-bit snowflake sent as a string.</summary>
public sealed record XUser(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("protected")] bool? Protected,
    [property: JsonPropertyName("public_metrics")] XPublicMetrics? PublicMetrics);
