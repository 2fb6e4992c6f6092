using Monitor.Core.Entities;
using Xunit;

namespace Monitor.Core.Tests.Entities;

public sealed class CombinedReachTests
{
    [Fact]
    public void Followers_add_up_with_each_platforms_share_and_a_combined_growth()
    {
        var reach = CombinedReach.Of([
            new MemberCounts("x:a", "x", 600, 40, 10, 60, null),
            new MemberCounts("instagram:a", "instagram", 300, null, 5, 40, 100),
            new MemberCounts("youtube:a", "youtube", 100, 10, null, 0, null),
            new MemberCounts("tiktok:a", "tiktok", null, null, null, null, null),
        ]);

        Assert.Equal(1_000, reach.Followers);
        Assert.Equal(50, reach.Posts);
        Assert.Equal(["x", "instagram", "youtube"], reach.Platforms.Select(platform => platform.Platform));
        Assert.Equal([0.6, 0.3, 0.1], reach.Platforms.Select(platform => Math.Round(platform.Share, 6)));
        Assert.Equal(15 / 885.0, reach.Growth1d!.Value, precision: 9);
        Assert.Equal(100 / 900.0, reach.Growth7d!.Value, precision: 9);
        Assert.Equal(100 / 200.0, reach.Growth30d!.Value, precision: 9);
    }

    [Fact]
    public void An_entity_without_counts_has_no_growth()
    {
        var reach = CombinedReach.Of([new MemberCounts("x:a", "x", null, null, null, null, null)]);

        Assert.Equal((0L, (long?)null, (double?)null), (reach.Followers, reach.Posts, reach.Growth7d));
        Assert.Empty(reach.Platforms);
    }
}
