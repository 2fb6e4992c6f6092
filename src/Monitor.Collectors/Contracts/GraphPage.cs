using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>Facebook Page fields: <c>followers_count</c> (followers) and <c>fan_count</c> (page likes).</summary>
public sealed record GraphPage(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("followers_count")] long? FollowersCount,
    [property: JsonPropertyName("fan_count")] long? FanCount);
