using Monitor.Abstractions.Alerts;
using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>
/// The state of one account that dashboards and rankings show; <see cref="Collection"/> is set once a collector polled it.
/// <see cref="Resolution"/> is the resolution the detector works with (<c>exact</c>, <c>3sf</c>, <c>step:1000</c>), and
/// <see cref="ResolutionInferred"/> says whether it was inferred from the counts rather than declared by a source.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.AccountSummary")]
public sealed record AccountSummary(
    [property: Id(0)] string Account,
    [property: Id(1)] string Platform,
    [property: Id(2)] AccountProfile Profile,
    [property: Id(3)] DateTimeOffset? LastObservedAt,
    [property: Id(4)] long? Followers,
    [property: Id(5)] long? Following,
    [property: Id(6)] long? Posts,
    [property: Id(7)] double? FollowersPerPost,
    [property: Id(8)] GrowthWindow Growth1d,
    [property: Id(9)] GrowthWindow Growth7d,
    [property: Id(10)] GrowthWindow Growth30d,
    [property: Id(11)] long? ProjectedFollowers30d,
    [property: Id(12)] IReadOnlyList<AlertView> OpenEpisodes,
    [property: Id(13)] CollectionStatus? Collection = null,
    [property: Id(14)] string? Resolution = null,
    [property: Id(15)] bool ResolutionInferred = false);
