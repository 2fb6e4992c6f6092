namespace Monitor.Abstractions.Access;

/// <summary>
/// <c>GET /api/auth/whoami</c>: the caller's role and key; in open trial mode role admin, <see cref="Open"/> true and no key.
/// </summary>
public sealed record WhoAmI(string Role, string? KeyId, string? Name, bool Open);
