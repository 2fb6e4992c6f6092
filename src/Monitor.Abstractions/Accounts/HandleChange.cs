namespace Monitor.Abstractions.Accounts;

/// <summary>A rename seen by a collector: the account kept its id and changed its handle.</summary>
public sealed record HandleChange(string? From, string To, DateTimeOffset At);
