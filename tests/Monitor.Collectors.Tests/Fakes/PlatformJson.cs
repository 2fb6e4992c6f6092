using System.Globalization;
using System.Text.Json;

namespace Monitor.Collectors.Tests.Fakes;

/// <summary>Bodies in each platform's documented JSON shapes (field names from the schemas in the platform reference).</summary>
public static class PlatformJson
{
    /// <summary>An X user with <c>public_metrics</c>; <paramref name="postField"/> is <c>tweet_count</c> or <c>post_count</c>.</summary>
    public static object XUser(string id, string username, long followers, long following, long posts, string postField = "tweet_count", bool isProtected = false) =>
        new Dictionary<string, object>
        {
            ["id"] = id,
            ["username"] = username,
            ["name"] = username,
            ["protected"] = isProtected,
            ["public_metrics"] = new Dictionary<string, object>
            {
                ["followers_count"] = followers,
                ["following_count"] = following,
                [postField] = posts,
                ["listed_count"] = 12,
                ["like_count"] = 3,
            },
        };

    /// <summary>An X v2 not-found problem for one value.</summary>
    public static object XNotFound(string value, string parameter = "ids") => new Dictionary<string, object>
    {
        ["value"] = value,
        ["detail"] = $"Could not find user with {parameter}: [{value}].",
        ["title"] = "Not Found Error",
        ["resource_type"] = "user",
        ["parameter"] = parameter,
        ["resource_id"] = value,
        ["type"] = "https://api.x.com/2/problems/resource-not-found",
    };

    /// <summary>An X v2 problem for a suspended user.</summary>
    public static object XSuspended(string value) => new Dictionary<string, object>
    {
        ["value"] = value,
        ["detail"] = $"User has been suspended: [{value}].",
        ["title"] = "Forbidden",
        ["resource_type"] = "user",
        ["parameter"] = "ids",
        ["resource_id"] = value,
        ["type"] = "https://api.x.com/2/problems/resource-not-found",
    };

    /// <summary>An X users lookup body.</summary>
    public static string XUsers(IEnumerable<object> data, IEnumerable<object>? errors = null)
    {
        var body = new Dictionary<string, object> { ["data"] = data.ToList() };
        if (errors is not null)
        {
            body["errors"] = errors.ToList();
        }

        return JsonSerializer.Serialize(body);
    }

    /// <summary>A Bluesky <c>profileViewDetailed</c>.</summary>
    public static object BlueskyProfile(string did, string handle, long followers, long follows, long posts) => new Dictionary<string, object>
    {
        ["did"] = did,
        ["handle"] = handle,
        ["displayName"] = handle,
        ["followersCount"] = followers,
        ["followsCount"] = follows,
        ["postsCount"] = posts,
        ["createdAt"] = "2023-05-01T10:00:00.000Z",
        ["indexedAt"] = "2024-01-01T00:00:00.000Z",
    };

    /// <summary>A Bluesky <c>getProfiles</c> body.</summary>
    public static string BlueskyProfiles(IEnumerable<object> profiles) => JsonSerializer.Serialize(new { profiles = profiles.ToList() });

    /// <summary>An XRPC error body.</summary>
    public static string XrpcError(string error, string message) => JsonSerializer.Serialize(new { error, message });

    /// <summary>A Mastodon <c>Account</c>.</summary>
    public static string MastodonAccount(string id, string acct, long followers, long following, long statuses, bool suspended = false, string? movedTo = null)
    {
        var account = new Dictionary<string, object?>
        {
            ["id"] = id,
            ["username"] = acct.Split('@')[0],
            ["acct"] = acct,
            ["display_name"] = acct,
            ["followers_count"] = followers,
            ["following_count"] = following,
            ["statuses_count"] = statuses,
            ["last_status_at"] = "2026-11-20",
            ["moved"] = movedTo is null ? null : new Dictionary<string, object> { ["id"] = "1", ["acct"] = movedTo },
        };
        if (suspended)
        {
            account["suspended"] = true;
        }

        return JsonSerializer.Serialize(account);
    }

    /// <summary>A YouTube channel with statistics as strings, as the API sends them.</summary>
    public static object YouTubeChannel(string id, long? subscribers, long videos, bool hidden = false, string? handle = null) => new Dictionary<string, object>
    {
        ["kind"] = "youtube#channel",
        ["id"] = id,
        ["snippet"] = new Dictionary<string, object> { ["title"] = id, ["customUrl"] = handle ?? "@" + id.ToLowerInvariant() },
        ["statistics"] = hidden
            ? new Dictionary<string, object> { ["viewCount"] = "1", ["hiddenSubscriberCount"] = true, ["videoCount"] = videos.ToString(CultureInfo.InvariantCulture) }
            : new Dictionary<string, object>
            {
                ["viewCount"] = "98765432",
                ["subscriberCount"] = subscribers!.Value.ToString(CultureInfo.InvariantCulture),
                ["hiddenSubscriberCount"] = false,
                ["videoCount"] = videos.ToString(CultureInfo.InvariantCulture),
            },
    };

    /// <summary>A YouTube <c>channels.list</c> body.</summary>
    public static string YouTubeChannels(IEnumerable<object> items) => JsonSerializer.Serialize(new { kind = "youtube#channelListResponse", items = items.ToList() });

    /// <summary>A Google API error body with one reason.</summary>
    public static string GoogleError(int code, string reason) =>
        JsonSerializer.Serialize(new { error = new { code, message = reason, errors = new[] { new { reason, domain = "youtube.quota" } } } });

    /// <summary>A Bot API answer.</summary>
    public static string TelegramCount(long count) => JsonSerializer.Serialize(new { ok = true, result = count });

    /// <summary>A Bot API error, with <c>retry_after</c> when given.</summary>
    public static string TelegramError(int code, string description, int? retryAfter = null) => retryAfter is { } seconds
        ? JsonSerializer.Serialize(new { ok = false, error_code = code, description, parameters = new { retry_after = seconds } })
        : JsonSerializer.Serialize(new { ok = false, error_code = code, description });

    /// <summary>A Graph API error body.</summary>
    public static string GraphError(int code, string message) =>
        JsonSerializer.Serialize(new { error = new { message, type = "OAuthException", code, fbtrace_id = "A1" } });

    /// <summary>A TikTok Research API user info answer: the User Info Object and the error struct with code <c>ok</c>.</summary>
    public static string TikTokUser(long followers, long following, long likes, long videos, string displayName = "Example") => JsonSerializer.Serialize(new
    {
        data = new Dictionary<string, object>
        {
            ["display_name"] = displayName,
            ["bio_description"] = "Official account",
            ["avatar_url"] = "https://p16-sign.tiktokcdn-us.com/avatar.jpeg",
            ["is_verified"] = true,
            ["follower_count"] = followers,
            ["following_count"] = following,
            ["likes_count"] = likes,
            ["video_count"] = videos,
        },
        error = new { code = "ok", message = "", log_id = "20261122090000A1B2C3" },
    });

    /// <summary>A TikTok API v2 error answer (ErrorStructV2) with no data.</summary>
    public static string TikTokError(string code, string message, string logId = "20261122090000FFEE01") =>
        JsonSerializer.Serialize(new { error = new { code, message, log_id = logId } });

    /// <summary>A client access token answer of <c>/v2/oauth/token/</c>.</summary>
    public static string TikTokToken(string token, int expiresIn = 7200) =>
        JsonSerializer.Serialize(new { access_token = token, expires_in = expiresIn, token_type = "Bearer" });
}
