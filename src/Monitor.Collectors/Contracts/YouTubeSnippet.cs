using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>The part of a channel's snippet the collector reads: its handle.</summary>
public sealed record YouTubeSnippet([property: JsonPropertyName("customUrl")] string? CustomUrl);
