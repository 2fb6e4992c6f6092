namespace Monitor.Abstractions.Accounts;

/// <summary>One observation of an account's counts as received from a collector or the API (not yet validated).</summary>
public sealed record ObservationInput(
    string Account,
    DateTimeOffset Timestamp,
    long Followers,
    long? Following = null,
    long? Posts = null,
    string? Source = null);
