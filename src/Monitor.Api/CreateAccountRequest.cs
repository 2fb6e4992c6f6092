using Monitor.Abstractions.Accounts;

namespace Monitor.Api;

/// <summary>Body of <c>POST /api/accounts</c>: the account key (<c>platform:id</c>) and its profile.</summary>
public sealed record CreateAccountRequest(string? Key, AccountProfile? Profile);
