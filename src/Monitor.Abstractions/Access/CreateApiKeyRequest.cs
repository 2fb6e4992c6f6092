namespace Monitor.Abstractions.Access;

/// <summary>The body of <c>POST /api/keys</c>: role (reader, writer or admin), an optional name and expiry.</summary>
public sealed record CreateApiKeyRequest(string? Role, string? Name = null, DateTimeOffset? ExpiresAt = null);
