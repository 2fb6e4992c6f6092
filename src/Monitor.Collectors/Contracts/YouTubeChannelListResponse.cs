using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary><c>channels.list</c>: unknown or terminated ids are absent from <c>items</c>.</summary>
public sealed record YouTubeChannelListResponse([property: JsonPropertyName("items")] IReadOnlyList<YouTubeChannel>? Items);
