using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>
/// One observation of an account's counts as received from a collector or the API (not yet validated). <see cref="Resolution"/>
/// is how precisely the source reports the counts: <c>exact</c>, <c>3sf</c> (rounded to 3 significant figures) or
/// <c>step:1000</c>; null when the source does not say (the account infers it).
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.ObservationInput")]
public sealed record ObservationInput(
    [property: Id(0)] string Account,
    [property: Id(1)] DateTimeOffset Timestamp,
    [property: Id(2)] long Followers,
    [property: Id(3)] long? Following = null,
    [property: Id(4)] long? Posts = null,
    [property: Id(5)] string? Source = null,
    [property: Id(6)] string? Resolution = null);
