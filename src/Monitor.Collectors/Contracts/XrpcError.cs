using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>An XRPC error body: <c>error</c> names it (InvalidRequest, AccountTakedown, AccountDeactivated, RateLimitExceeded).</summary>
public sealed record XrpcError(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("message")] string? Message);
