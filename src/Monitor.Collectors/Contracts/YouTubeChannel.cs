using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>A channel with <c>statistics</c> (counts are uint64 values sent as strings) and <c>snippet</c> (its handle as <c>customUrl</c>).</summary>
public sealed record YouTubeChannel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("snippet")] YouTubeSnippet? Snippet,
    [property: JsonPropertyName("statistics")] YouTubeStatistics? Statistics);
