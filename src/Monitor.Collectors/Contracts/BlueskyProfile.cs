using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary><c>app.bsky.actor.defs#profileViewDetailed</c>: only <c>did</c> and <c>handle</c> are required; a missing count is unknown.</summary>
public sealed record BlueskyProfile(
    [property: JsonPropertyName("did")] string Did,
    [property: JsonPropertyName("handle")] string? Handle,
    [property: JsonPropertyName("followersCount")] long? FollowersCount,
    [property: JsonPropertyName("followsCount")] long? FollowsCount,
    [property: JsonPropertyName("postsCount")] long? PostsCount);
