using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>The target of a business discovery: a Business or Creator account.</summary>
public sealed record GraphInstagramUser(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("followers_count")] long? FollowersCount,
    [property: JsonPropertyName("follows_count")] long? FollowsCount,
    [property: JsonPropertyName("media_count")] long? MediaCount);
