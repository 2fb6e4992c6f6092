namespace Monitor.Abstractions.Accounts;

/// <summary>Filters and paging for the account list; null filters match everything. <see cref="Text"/> matches key, handle or display name.</summary>
public sealed record AccountListQuery(
    string? Platform = null,
    string? Group = null,
    string? Tag = null,
    string? Text = null,
    int Offset = 0,
    int Limit = 100);
