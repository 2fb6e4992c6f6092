namespace Monitor.Abstractions.Access;

/// <summary>An API key as <c>GET /api/keys</c> lists it: everything but the secret.</summary>
public sealed record ApiKeyView(
    string Id,
    string? Name,
    string Role,
    DateTimeOffset Created,
    DateTimeOffset? Expires,
    DateTimeOffset? Revoked,
    DateTimeOffset? LastUsed);
