using Monitor.Evaluation.Feeding;
using Xunit;

namespace Monitor.Evaluation.Tests.Feeding;

public sealed class CumulativeFeedTests
{
    [Fact]
    public void Whole_gains_feed_their_running_sum_above_the_base()
    {
        var feed = CumulativeFeed.Create([5, 0, 12, 3], new FeedOptions { BaseFollowers = 1_000 });

        Assert.Equal(1.0, feed.Scale);
        Assert.Equal([1_005L, 1_005, 1_017, 1_020], feed.Followers);
    }

    [Fact]
    public void Fractional_gains_are_scaled_by_the_documented_factor_and_the_sum_is_rounded_once()
    {
        // 0.0004 x 1000 rounds to 0 each time, but three of them sum to 1.2 and round to 1: no drift.
        var feed = CumulativeFeed.Create([0.0004, 0.0004, 0.0004, 2.5], new FeedOptions { BaseFollowers = 0, FractionalScale = 1000 });

        Assert.Equal(1000.0, feed.Scale);
        Assert.Equal([0L, 1, 1, 2501], feed.Followers);
    }

    [Fact]
    public void Negative_gain_is_a_loss_and_the_base_is_lifted_so_the_counter_stays_at_or_above_it()
    {
        var feed = CumulativeFeed.Create([10, -30, 5], new FeedOptions { BaseFollowers = 100 });

        Assert.Equal([130L, 100, 105], feed.Followers);
        Assert.Equal(120, feed.Offset);
    }

    [Fact]
    public void Non_finite_gain_is_rejected_with_its_position()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => CumulativeFeed.Create([1, double.NaN], new FeedOptions()));

        Assert.Contains("Value 1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_base_is_rejected_with_its_value()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => CumulativeFeed.Create([1], new FeedOptions { BaseFollowers = -5 }));

        Assert.Equal(-5L, exception.ActualValue);
        Assert.Contains("BaseFollowers", exception.Message, StringComparison.Ordinal);
    }
}
