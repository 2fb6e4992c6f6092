namespace Monitor.Abstractions.Entities;

/// <summary>
/// Body of <c>POST /api/entities</c>: the name (required), the id (derived from the name when omitted: lower case, words
/// joined by hyphens), the kind (person or office, optional) and the accounts it owns (account keys, optional).
/// </summary>
public sealed record CreateEntityRequest(string? Name, string? Id = null, string? Kind = null, IReadOnlyList<string>? Accounts = null);
