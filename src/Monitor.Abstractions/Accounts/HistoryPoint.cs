namespace Monitor.Abstractions.Accounts;

/// <summary>One point of an account's history; at hour or day resolution the last value of the bucket with its min and max.</summary>
public sealed record HistoryPoint(DateTimeOffset Timestamp, long Followers, long? Following, long? Posts, long Min, long Max);
