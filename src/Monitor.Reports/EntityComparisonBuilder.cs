using Monitor.Abstractions.Entities;

namespace Monitor.Reports;

/// <summary>Adds up the report's accounts by entity (<see cref="EntityComparison"/>); pure.</summary>
public static class EntityComparisonBuilder
{
    /// <summary>
    /// Compares the entities that own any of <paramref name="members"/> (with every account of theirs found in
    /// <paramref name="rows"/>) and the members that belong to no entity.
    /// </summary>
    /// <param name="entities">Entities that may own members (others are ignored).</param>
    /// <param name="members">The report's members.</param>
    /// <param name="rows">The period's figures of every account at hand: the members and the entities' other accounts.</param>
    public static EntityComparison Build(IReadOnlyList<Entity> entities, IReadOnlyList<ReportMemberRow> members, IReadOnlyDictionary<string, ReportMemberRow> rows)
    {
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(rows);
        var owner = new Dictionary<string, Entity>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            foreach (var account in entity.Accounts)
            {
                owner.TryAdd(account, entity);
            }
        }

        var combined = new List<ReportEntityRow>();
        foreach (var entity in members.Select(member => owner.GetValueOrDefault(member.Account)).OfType<Entity>().DistinctBy(entity => entity.Id))
        {
            var accounts = entity.Accounts.Select(rows.GetValueOrDefault).OfType<ReportMemberRow>().ToList();
            if (Combine(entity.Id, entity.Name, entity.Kind, accounts) is { } row)
            {
                combined.Add(row);
            }
        }

        foreach (var member in members.Where(member => !owner.ContainsKey(member.Account)))
        {
            if (Combine(null, member.Name, null, [member]) is { } row)
            {
                combined.Add(row);
            }
        }

        var growthRanks = combined.Where(row => row.ChangeShare is not null)
            .OrderByDescending(row => row.ChangeShare!.Value).ThenBy(row => row.Name, StringComparer.Ordinal)
            .Select((row, index) => (row, index)).ToDictionary(pair => pair.row, pair => pair.index + 1);
        var ranked = combined
            .Select(row => row with { GrowthRank = growthRanks.TryGetValue(row, out var rank) ? rank : null })
            .OrderByDescending(row => row.FollowersAtEnd).ThenBy(row => row.Name, StringComparer.Ordinal)
            .ToList();
        return new EntityComparison(ranked, EntityComparison.OverlapNote);
    }

    // Null when no account has a count in reach.
    private static ReportEntityRow? Combine(string? entity, string name, string? kind, IReadOnlyList<ReportMemberRow> accounts)
    {
        var counted = accounts.Where(account => account.FollowersAtEnd is not null).ToList();
        if (counted.Count == 0)
        {
            return null;
        }

        var total = counted.Sum(account => account.FollowersAtEnd!.Value);
        var known = counted.Where(account => account.Change is not null && account.FollowersAtStart is not null).ToList();
        var start = known.Sum(account => account.FollowersAtStart!.Value);
        long? change = known.Count == 0 ? null : known.Sum(account => account.Change!.Value);
        double? share = change is not null && start > 0 ? (double)change.Value / start : null;
        var platforms = counted.GroupBy(account => account.Platform, StringComparer.Ordinal)
            .Select(platform => (Platform: platform.Key, Followers: platform.Sum(account => account.FollowersAtEnd!.Value)))
            .OrderByDescending(platform => platform.Followers).ThenBy(platform => platform.Platform, StringComparer.Ordinal)
            .Select(platform => new ReportPlatformShare(platform.Platform, platform.Followers, total == 0 ? 0 : platform.Followers / (double)total))
            .ToList();
        return new ReportEntityRow(
            entity, name, kind, accounts.Select(account => account.Account).ToList(), counted.Count,
            known.Count == 0 ? null : start, total, change, share, null, platforms, accounts.Any(account => account.Synthetic));
    }
}
