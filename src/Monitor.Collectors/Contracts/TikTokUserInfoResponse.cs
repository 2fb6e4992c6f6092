using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>The body of <c>POST /v2/research/user/info/</c>: the user's data and the error struct (code <c>ok</c> on success).</summary>
public sealed record TikTokUserInfoResponse(
    [property: JsonPropertyName("data")] TikTokUserInfo? Data,
    [property: JsonPropertyName("error")] TikTokError? Error);
