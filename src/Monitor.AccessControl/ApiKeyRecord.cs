namespace Monitor.AccessControl;

/// <summary>An API key as stored: the SHA-256 of its secret (hex), never the secret.</summary>
public sealed record ApiKeyRecord(
    string Id,
    string? Name,
    string Role,
    string SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt)
{
    /// <summary>True when the key is neither revoked nor expired at <paramref name="now"/>.</summary>
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expires || expires > now);

    /// <summary>The key as the API shows it.</summary>
    public ApiKeyView ToView() => new(Id, Name, Role, CreatedAt, ExpiresAt, RevokedAt, LastUsedAt);
}
