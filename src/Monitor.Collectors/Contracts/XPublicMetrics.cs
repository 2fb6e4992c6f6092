using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>X <c>public_metrics</c>; posts come as <c>tweet_count</c> (older schema) or <c>post_count</c> (2026 schema).</summary>
public sealed record XPublicMetrics(
    [property: JsonPropertyName("followers_count")] long? FollowersCount,
    [property: JsonPropertyName("following_count")] long? FollowingCount,
    [property: JsonPropertyName("tweet_count")] long? TweetCount,
    [property: JsonPropertyName("post_count")] long? PostCount,
    [property: JsonPropertyName("listed_count")] long? ListedCount,
    [property: JsonPropertyName("like_count")] long? LikeCount,
    [property: JsonPropertyName("media_count")] long? MediaCount);
