using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>Channel statistics; counts are strings on the wire. <c>hiddenSubscriberCount</c> means the count is unknown, not 0.</summary>
public sealed record YouTubeStatistics(
    [property: JsonPropertyName("subscriberCount"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long? SubscriberCount,
    [property: JsonPropertyName("hiddenSubscriberCount")] bool? HiddenSubscriberCount,
    [property: JsonPropertyName("videoCount"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long? VideoCount,
    [property: JsonPropertyName("viewCount"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long? ViewCount);
