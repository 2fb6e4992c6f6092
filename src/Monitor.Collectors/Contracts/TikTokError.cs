using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>
/// TikTok API v2's error struct (ErrorStructV2): <c>code</c> is a string (<c>ok</c> on success, <c>access_token_invalid</c>,
/// <c>invalid_params</c>, <c>rate_limit_exceeded</c>, <c>scope_not_authorized</c>, <c>internal_error</c>, ...), and
/// <c>log_id</c> identifies the request for TikTok's support.
/// </summary>
public sealed record TikTokError(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("log_id")] string? LogId);
