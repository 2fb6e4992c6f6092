using Monitor.Abstractions.Accounts;

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
}
