using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>A Mastodon <c>Account</c> entity; <c>suspended</c> is set (3.3+) instead of a 410, <c>moved</c> after a migration.</summary>
public sealed record MastodonAccount(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("acct")] string? Acct,
    [property: JsonPropertyName("followers_count")] long? FollowersCount,
    [property: JsonPropertyName("following_count")] long? FollowingCount,
    [property: JsonPropertyName("statuses_count")] long? StatusesCount,
    [property: JsonPropertyName("suspended")] bool? Suspended,
    [property: JsonPropertyName("limited")] bool? Limited,
    [property: JsonPropertyName("moved")] JsonElement? Moved);
