using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Entities;
using Monitor.Abstractions.Groups;
using Monitor.Grains.Entities;
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

        return rows
            .Select(row => (Row: row, Value: selector(row)))
            .OrderBy(row => row.Value is null)
            .ThenByDescending(row => row.Value)
            .ThenBy(row => row.Row.Name, StringComparer.Ordinal)
            .Select((row, index) => row.Row with { Rank = index + 1 })
            .ToList();
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
