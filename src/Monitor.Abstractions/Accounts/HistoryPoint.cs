using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>One point of an account's history; at hour or day resolution the last value of the bucket with its min and max.</summary>
[GenerateSerializer, Immutable, Alias("monitor.HistoryPoint")]
public sealed record HistoryPoint([property: Id(0)] DateTimeOffset Timestamp, [property: Id(1)] long Followers, [property: Id(2)] long? Following, [property: Id(3)] long? Posts, [property: Id(4)] long Min, [property: Id(5)] long Max);
