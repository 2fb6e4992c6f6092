using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Entities;
using Monitor.Core.Entities;

namespace Monitor.Grains.Entities;

/// <summary>An entity's accounts' summaries added up (<see cref="CombinedReach"/>), for its page and for rankings by entity.</summary>
public static class EntityFigures
{
    /// <summary>What the combined reach is and is not, said wherever it is shown.</summary>
    public const string ReachNote =
        "Combined reach is the sum of the accounts' followers. Audiences overlap (a person who follows on two platforms counts twice) " +
        "and no platform says by how much, so it is an upper bound of the people reached.";

    /// <summary>Adds up <paramref name="accounts"/>.</summary>
    public static CombinedReach Combine(IEnumerable<AccountSummary> accounts) =>
        CombinedReach.Of(accounts.Select(account => new MemberCounts(
            account.Account,
            account.Platform,
            account.Followers,
            account.Posts,
            account.Growth1d.NetChange,
            account.Growth7d.NetChange,
            account.Growth30d.NetChange)).ToList());

    /// <summary>The entity's page: its accounts and their combined figures.</summary>
    public static EntityDetail Detail(Entity entity, IReadOnlyList<AccountSummary> accounts)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var reach = Combine(accounts);
        return new EntityDetail(
            entity,
            accounts,
            reach.Followers,
            reach.Posts,
            reach.Platforms.Select(platform => new PlatformReach(platform.Platform, platform.Followers, platform.Share)).ToList(),
            reach.Growth1d,
            reach.Growth7d,
            reach.Growth30d,
            ReachNote);
    }

    /// <summary>The summaries of the registered accounts among <paramref name="accounts"/>, in the given order.</summary>
    public static async Task<IReadOnlyList<AccountSummary>> SummariesAsync(IGrainFactory grains, IEnumerable<string> accounts)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var summaries = await Task.WhenAll(accounts.Select(account => grains.GetGrain<IAccountGrain>(account).GetSummaryAsync()));
        return summaries.OfType<AccountSummary>().ToList();
    }
}
