using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Groups;

namespace Monitor.Grains.Groups;

/// <summary>The keys a group can be ranked by, and how each reads its value from a summary.</summary>
public static class RankingKeys
{
    private static readonly Dictionary<string, Func<AccountSummary, double?>> Selectors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["followers"] = summary => summary.Followers,
        ["posts"] = summary => summary.Posts,
        ["followersPerPost"] = summary => summary.FollowersPerPost,
        ["growth1d"] = summary => summary.Growth1d.RelativeGrowth,
        ["growth7d"] = summary => summary.Growth7d.RelativeGrowth,
        ["growth30d"] = summary => summary.Growth30d.RelativeGrowth,
    };

    private static readonly Dictionary<string, Func<EntityRankingEntry, double?>> EntitySelectors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["followers"] = entry => entry.Followers,
        ["posts"] = entry => entry.Posts,
        ["followersPerPost"] = entry => entry.FollowersPerPost,
        ["growth1d"] = entry => entry.Growth1d,
        ["growth7d"] = entry => entry.Growth7d,
        ["growth30d"] = entry => entry.Growth30d,
    };

    /// <summary>The accepted keys.</summary>
    public static IReadOnlyCollection<string> Names { get; } = [.. Selectors.Keys];

    /// <summary>The value a summary is ranked by (null ranks last); throws for an unknown key.</summary>
    public static Func<AccountSummary, double?> Selector(string by)
    {
        ArgumentNullException.ThrowIfNull(by);
        return Selectors.TryGetValue(by, out var selector)
            ? selector
            : throw new ArgumentOutOfRangeException(nameof(by), by, $"Rank by one of: {string.Join(", ", Names)}.");
    }

    /// <summary>The value an entity row is ranked by (null ranks last); throws for an unknown key.</summary>
    public static Func<EntityRankingEntry, double?> EntitySelector(string by)
    {
        ArgumentNullException.ThrowIfNull(by);
        return EntitySelectors.TryGetValue(by, out var selector)
            ? selector
            : throw new ArgumentOutOfRangeException(nameof(by), by, $"Rank by one of: {string.Join(", ", Names)}.");
    }
}
