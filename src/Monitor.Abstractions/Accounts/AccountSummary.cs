using Monitor.Abstractions.Alerts;

namespace Monitor.Abstractions.Accounts;

/// <summary>The state of one account that dashboards and rankings show; <see cref="Collection"/> is set once a collector polled it.</summary>
public sealed record AccountSummary(
    string Account,
    string Platform,
    AccountProfile Profile,
    DateTimeOffset? LastObservedAt,
    long? Followers,
    long? Following,
    long? Posts,
    double? FollowersPerPost,
    GrowthWindow Growth1d,
    GrowthWindow Growth7d,
    GrowthWindow Growth30d,
    long? ProjectedFollowers30d,
    IReadOnlyList<AlertView> OpenEpisodes,
    CollectionStatus? Collection = null);
