using Monitor.Abstractions.Accounts;

namespace Monitor.Api;

/// <summary>
/// One row of the dashboard's overview: an account's figures, its open alerts, a daily sparkline of followers, and how fresh
/// its data is (<see cref="AccountHealth"/>) with the collector's last poll.
/// </summary>
public sealed record DashboardAccountRow(
    string Account,
    string Platform,
    string? Handle,
    string? DisplayName,
    IReadOnlyList<string> Groups,
    long? Followers,
    GrowthWindow Growth1d,
    GrowthWindow Growth7d,
    GrowthWindow Growth30d,
    int OpenAlerts,
    DateTimeOffset? LastObservedAt,
    IReadOnlyList<long> Sparkline,
    IReadOnlyList<string> Tags,
    string Health,
    CollectionStatus? Collection);
