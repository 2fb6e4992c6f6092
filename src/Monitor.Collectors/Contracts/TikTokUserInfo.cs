using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>The Research API's User Info Object: the fields asked for in <c>fields=</c>; it carries no stable user id.</summary>
public sealed record TikTokUserInfo(
    [property: JsonPropertyName("display_name")] string? DisplayName,
    [property: JsonPropertyName("is_verified")] bool? IsVerified,
    [property: JsonPropertyName("follower_count")] long? FollowerCount,
    [property: JsonPropertyName("following_count")] long? FollowingCount,
    [property: JsonPropertyName("likes_count")] long? LikesCount,
    [property: JsonPropertyName("video_count")] long? VideoCount);
