using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Entities;
using Monitor.Abstractions.Groups;
using Monitor.Core.Groups;
using Monitor.Grains.Entities;

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
        return RankingOrder.Rank(members, selector, summary => summary.Account, (summary, rank) => new RankingEntry(
            rank,
            summary.Account,
            summary.Profile.Handle,
            summary.Profile.DisplayName,
            summary.Followers,
            summary.Posts,
            summary.FollowersPerPost,
            summary.Growth1d.RelativeGrowth,
            summary.Growth7d.RelativeGrowth,
            summary.Growth30d.RelativeGrowth));
    }

    /// <summary>
    /// Ranks the entities owning members by their accounts' figures added up (all their accounts, not only the members);
    /// members that belong to no entity rank on their own. Order as <see cref="GetRankingAsync"/>, ties by name.
    /// </summary>
    public async Task<IReadOnlyList<EntityRankingEntry>> GetEntityRankingAsync(string by)
    {
        var selector = RankingKeys.EntitySelector(by);
        var members = await directory.GetGroupMembersAsync(this.GetPrimaryKeyString());
        var registry = GrainFactory.GetGrain<IEntityRegistryGrain>(IEntityRegistryGrain.Key);
        var owners = await Task.WhenAll(members.Select(member => registry.FindByAccountAsync(member.Account)));
        var rows = new List<EntityRankingEntry>();
        foreach (var entity in owners.OfType<Entity>().DistinctBy(entity => entity.Id))
        {
            var known = members.Where(member => entity.Accounts.Contains(member.Account, StringComparer.Ordinal)).ToList();
            var others = await EntityFigures.SummariesAsync(GrainFactory, entity.Accounts.Except(known.Select(member => member.Account), StringComparer.Ordinal));
            rows.Add(Row(entity.Id, entity.Name, entity.Accounts, [.. known, .. others]));
        }

        for (var i = 0; i < members.Count; i++)
        {
            if (owners[i] is null)
            {
                rows.Add(Row(null, members[i].Profile.DisplayName ?? members[i].Account, [members[i].Account], [members[i]]));
            }
        }

        return RankingOrder.Rank(rows, selector, row => row.Name, (row, rank) => row with { Rank = rank });
    }

    private static EntityRankingEntry Row(string? entity, string name, IReadOnlyList<string> accounts, IReadOnlyList<AccountSummary> summaries)
    {
        var reach = EntityFigures.Combine(summaries);
        var counted = summaries.Any(summary => summary.Followers is not null);
        return new EntityRankingEntry(
            0,
            entity,
            name,
            accounts,
            counted ? reach.Followers : null,
            reach.Posts,
            counted && reach.Posts is > 0 ? reach.Followers / (double)reach.Posts : null,
            reach.Growth1d,
            reach.Growth7d,
            reach.Growth30d);
    }
}
