namespace Monitor.Abstractions.Accounts;

/// <summary>
/// An account to register: its key (<c>platform:id</c>) and its profile. The body of <c>POST /api/accounts</c> and one
/// item of <c>POST /api/accounts/batch</c>.
/// </summary>
public sealed record CreateAccountRequest(string? Key, AccountProfile? Profile);
