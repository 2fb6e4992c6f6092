using Monitor.Runtime;

namespace Monitor.Abstractions.Groups;

/// <summary>A group of accounts (key: the group name, e.g. <c>turkic-mfa</c>): its members and their ranking.</summary>
public interface IAccountGroupGrain : IGrainWithStringKey
{
    /// <summary>Ranks the members; <paramref name="by"/> is followers, posts, followersPerPost, growth1d, growth7d or growth30d.</summary>
    [ReadOnly]
    Task<IReadOnlyList<RankingEntry>> GetRankingAsync(string by);
}
