using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>One observation of an account's counts as received from a collector or the API (not yet validated).</summary>
[GenerateSerializer, Immutable, Alias("monitor.ObservationInput")]
public sealed record ObservationInput(
    [property: Id(0)] string Account,
    [property: Id(1)] DateTimeOffset Timestamp,
    [property: Id(2)] long Followers,
    [property: Id(3)] long? Following = null,
    [property: Id(4)] long? Posts = null,
    [property: Id(5)] string? Source = null);
