using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>
/// The body of <c>POST /v2/oauth/token/</c> with <c>grant_type=client_credentials</c>: the client access token and its lifetime in
/// seconds (two hours), or the OAuth error struct (<c>error</c>, <c>error_description</c>, <c>log_id</c>).
/// </summary>
public sealed record TikTokTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription,
    [property: JsonPropertyName("log_id")] string? LogId);
