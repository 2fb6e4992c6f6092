using Orleans.Concurrency;
using Orleans;

namespace Monitor.Abstractions.Groups;

/// <summary>A group of accounts (key: the group name, e.g. <c>turkic-mfa</c>): its members and their ranking.</summary>
[Alias("monitor.IAccountGroupGrain")]
public interface IAccountGroupGrain : IGrainWithStringKey
{
    /// <summary>Ranks the members; <paramref name="by"/> is followers, posts, followersPerPost, growth1d, growth7d or growth30d.</summary>
    [Alias("GetRankingAsync")]
    [ReadOnly]
    Task<IReadOnlyList<RankingEntry>> GetRankingAsync(string by);

    /// <summary>Ranks the entities that own members (and members that belong to none) by <paramref name="by"/>, as <see cref="GetRankingAsync"/>.</summary>
    [Alias("GetEntityRankingAsync")]
    [ReadOnly]
    Task<IReadOnlyList<EntityRankingEntry>> GetEntityRankingAsync(string by);
}
