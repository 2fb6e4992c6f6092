using Monitor.Abstractions.Accounts;

namespace Monitor.Silo.Api;

/// <summary>One row of the dashboard's overview: an account's figures, its open alerts and a daily sparkline of followers.</summary>
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
    IReadOnlyList<long> Sparkline);
