using Monitor.Evaluation.Feeding;
using Xunit;

namespace Monitor.Evaluation.Tests.Feeding;

public sealed class GaugeFeedTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Regular_readings_give_the_same_counter_as_gains()
    {
        double[] values = [5, 0, 12, 3];
        var options = new FeedOptions { BaseFollowers = 1_000 };

        var gauge = GaugeFeed.Create(Hours(0, 1, 2, 3), values, options);

        Assert.Equal(CumulativeFeed.Create(values, options).Followers, gauge.Followers);
    }

    [Fact]
    public void Reading_after_a_gap_counts_over_the_whole_gap_so_its_rate_is_the_reading()
    {
        // Hourly readings of 10, then three hours without data: the reading after the gap is 10 an hour, not 10 in three hours.
        var feed = GaugeFeed.Create(Hours(0, 1, 2, 5, 6), [10, 10, 10, 10, 10], new FeedOptions { BaseFollowers = 0 });

        Assert.Equal([10L, 20, 30, 60, 70], feed.Followers);
    }

    [Fact]
    public void Whole_readings_keep_scale_one_when_an_interval_weighs_a_fraction()
    {
        // The typical interval is an hour; the reading after 90 minutes weighs 1.5, and the running sum is rounded once.
        var feed = GaugeFeed.Create([Start, Start.AddHours(1), Start.AddHours(2.5), Start.AddHours(3.5)], [3, 3, 3, 3], new FeedOptions { BaseFollowers = 0 });

        Assert.Equal(1.0, feed.Scale);
        Assert.Equal([3L, 6, 11, 14], feed.Followers);
    }

    [Fact]
    public void Repeated_timestamp_adds_nothing_to_the_counter()
    {
        var feed = GaugeFeed.Create(Hours(0, 1, 1, 2), [4, 4, 100, 4], new FeedOptions { BaseFollowers = 0 });

        Assert.Equal([4L, 8, 8, 12], feed.Followers);
    }

    [Fact]
    public void Rows_after_the_clock_is_set_back_add_nothing_until_it_passes_the_latest_time()
    {
        // 00:00, 01:00, 02:00, then 01:00 and 01:30 again (already covered), then 03:00: one more hour.
        var feed = GaugeFeed.Create(Hours(0, 1, 2, 1, 1.5, 3), [1, 2, 4, 8, 16, 64], new FeedOptions { BaseFollowers = 0 });

        Assert.Equal([1L, 3, 7, 7, 7, 71], feed.Followers);
    }

    [Fact]
    public void Timestamps_and_values_of_different_lengths_are_rejected()
    {
        var exception = Assert.Throws<ArgumentException>(() => GaugeFeed.Create(Hours(0, 1), [1], new FeedOptions()));

        Assert.Contains("2 timestamps for 1 values", exception.Message, StringComparison.Ordinal);
    }

    private static DateTime[] Hours(params double[] hours) => hours.Select(Start.AddHours).ToArray();
}
