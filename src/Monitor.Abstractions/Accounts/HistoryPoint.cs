using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>
/// One point of an account's history; at hour or day resolution the last value of the bucket with its min and max.
/// <see cref="Resolution"/> is the point's own: older than the tier of the requested resolution keeps (raw points 7 days,
/// hourly buckets 90 days after the latest observation), a query is answered with the next coarser tier.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.HistoryPoint")]
public sealed record HistoryPoint(
    [property: Id(0)] DateTimeOffset Timestamp,
    [property: Id(1)] long Followers,
    [property: Id(2)] long? Following,
    [property: Id(3)] long? Posts,
    [property: Id(4)] long Min,
    [property: Id(5)] long Max,
    [property: Id(6)] HistoryResolution Resolution = HistoryResolution.Raw);
