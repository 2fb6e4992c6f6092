namespace Monitor.Core.Entities;

/// <summary>
/// An entity's accounts added up: <see cref="Followers"/> is the sum of their followers, which counts a person who follows
/// the entity on two platforms twice (audiences overlap; no platform says by how much), so it is an upper bound of the
/// people reached. Growth is the summed net change as a fraction of the summed followers at the window's start, over the
/// accounts whose change is known.
/// </summary>
public sealed record CombinedReach(
    long Followers,
    long? Posts,
    IReadOnlyList<PlatformShare> Platforms,
    double? Growth1d,
    double? Growth7d,
    double? Growth30d)
{
    /// <summary>Adds up <paramref name="members"/>; accounts without a follower count add nothing.</summary>
    public static CombinedReach Of(IReadOnlyList<MemberCounts> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var counted = members.Where(member => member.Followers is not null).ToList();
        var followers = counted.Sum(member => member.Followers!.Value);
        var withPosts = counted.Where(member => member.Posts is not null).ToList();
        var platforms = counted
            .GroupBy(member => member.Platform, StringComparer.Ordinal)
            .Select(platform => (Platform: platform.Key, Followers: platform.Sum(member => member.Followers!.Value)))
            .OrderByDescending(platform => platform.Followers)
            .ThenBy(platform => platform.Platform, StringComparer.Ordinal)
            .Select(platform => new PlatformShare(platform.Platform, platform.Followers, followers == 0 ? 0 : platform.Followers / (double)followers))
            .ToList();
        return new CombinedReach(
            followers,
            withPosts.Count == 0 ? null : withPosts.Sum(member => member.Posts!.Value),
            platforms,
            Growth(counted, member => member.Change1d),
            Growth(counted, member => member.Change7d),
            Growth(counted, member => member.Change30d));
    }

    private static double? Growth(List<MemberCounts> members, Func<MemberCounts, long?> change)
    {
        var known = members.Where(member => change(member) is not null).ToList();
        var startFollowers = known.Sum(member => member.Followers!.Value - change(member)!.Value);
        return known.Count == 0 || startFollowers <= 0 ? null : known.Sum(member => change(member)!.Value) / (double)startFollowers;
    }
}
