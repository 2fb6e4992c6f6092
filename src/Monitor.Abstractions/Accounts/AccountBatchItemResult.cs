namespace Monitor.Abstractions.Accounts;

/// <summary>
/// One item of a batch registration: its index in the request, its account key (canonical when valid, as sent otherwise),
/// its status (<see cref="AccountBatchStatuses"/>), and for an invalid item the field and why.
/// </summary>
public sealed record AccountBatchItemResult(int Index, string? Key, string Status, string? Field = null, string? Reason = null);
