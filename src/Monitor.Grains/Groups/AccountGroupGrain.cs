using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Groups;
using Orleans;

namespace Monitor.Grains.Groups;

/// <summary>
/// A group of accounts (key: the group name). Its members and their figures come from the account directory, so a
/// ranking never calls the member grains.
/// </summary>
[GrainType("group")]
public sealed class AccountGroupGrain(IAccountDirectory directory) : Grain, IAccountGroupGrain
{
    /// <summary>Ranks members by <paramref name="by"/>, highest first; members without a value come last; ties by account key.</summary>
    public async Task<IReadOnlyList<RankingEntry>> GetRankingAsync(string by)
    {
        var selector = RankingKeys.Selector(by);
        var members = await directory.GetGroupMembersAsync(this.GetPrimaryKeyString());
        return members
            .Select(summary => (Summary: summary, Value: selector(summary)))
            .OrderBy(member => member.Value is null)
            .ThenByDescending(member => member.Value)
            .ThenBy(member => member.Summary.Account, StringComparer.Ordinal)
            .Select((member, index) => new RankingEntry(
                index + 1,
                member.Summary.Account,
                member.Summary.Profile.Handle,
                member.Summary.Profile.DisplayName,
                member.Summary.Followers,
                member.Summary.Posts,
                member.Summary.FollowersPerPost,
                member.Summary.Growth1d.RelativeGrowth,
                member.Summary.Growth7d.RelativeGrowth,
                member.Summary.Growth30d.RelativeGrowth))
            .ToList();
    }
}
