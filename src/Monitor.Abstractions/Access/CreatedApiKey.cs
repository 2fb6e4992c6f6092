namespace Monitor.Abstractions.Access;

/// <summary>A new key: <see cref="Key"/> is the only time the secret is shown.</summary>
public sealed record CreatedApiKey(string Key, ApiKeyView Details);
