namespace Monitor.Abstractions.Accounts;

/// <summary>A page of account summaries and the total number that matched.</summary>
public sealed record AccountPage(IReadOnlyList<AccountSummary> Items, int Total, int Offset, int Limit);
