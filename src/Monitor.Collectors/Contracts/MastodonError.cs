using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>A Mastodon error body, <c>{"error": "Record not found"}</c>.</summary>
public sealed record MastodonError([property: JsonPropertyName("error")] string? Error);
