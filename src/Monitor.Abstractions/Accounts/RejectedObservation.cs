namespace Monitor.Abstractions.Accounts;

/// <summary>An observation that was not stored, with the index it had in the submitted batch and why.</summary>
public sealed record RejectedObservation(int Index, string? Account, string Field, string Reason);
