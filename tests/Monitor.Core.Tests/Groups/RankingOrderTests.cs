using Monitor.Core.Groups;
using Xunit;

namespace Monitor.Core.Tests.Groups;

public sealed class RankingOrderTests
{
    [Fact]
    public void Highest_value_ranks_first_items_without_a_value_last_and_ties_go_by_name()
    {
        var items = new (string Name, double? Value)[] { ("d", null), ("b", 5), ("a", null), ("c", 5), ("e", 9), ("f", -1) };

        var ranked = RankingOrder.Rank(items, item => item.Value, item => item.Name, (item, rank) => $"{rank}:{item.Name}");

        Assert.Equal(["1:e", "2:b", "3:c", "4:f", "5:a", "6:d"], ranked);
    }

    [Fact]
    public void Names_compare_ordinally()
    {
        var items = new[] { "b", "B", "a", "A" };

        var ranked = RankingOrder.Rank(items, _ => 1.0, item => item, (item, rank) => (item, rank));

        Assert.Equal([("A", 1), ("B", 2), ("a", 3), ("b", 4)], ranked);
    }
}
