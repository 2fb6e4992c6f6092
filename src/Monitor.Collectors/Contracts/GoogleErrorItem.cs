using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>One item of a Google API error: <c>reason</c> is e.g. quotaExceeded, keyInvalid.</summary>
public sealed record GoogleErrorItem([property: JsonPropertyName("reason")] string? Reason);
