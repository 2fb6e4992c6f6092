using Monitor.Core.Accounts;
using Monitor.Core.Detection;
using Xunit;

namespace Monitor.Core.Tests.Detection;

/// <summary>The least rate a rounded series allows over the last day or two, with a burst of a few hours left out.</summary>
public sealed class RoundedTrailingRateTests
{
    private static readonly DateTimeOffset Start = new(2020, 7, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly CountResolution ThreeFigures = CountResolution.SignificantFigures(3);

    private static long Ticks(double hours) => Start.AddHours(hours).UtcTicks;

    [Fact]
    public void A_steady_rise_of_a_step_every_five_hours_reads_as_its_rate_less_the_rounding()
    {
        var rate = new RoundedTrailingRate();
        for (var hour = 0; hour <= 70; hour += 5)
        {
            rate.Add(Ticks(hour), 400_000 + (hour / 5 * 1_000));
        }

        Assert.True(rate.TryLeastRate(TimeSpan.FromDays(1), ThreeFigures, out var least, out var baseTicks, out var baseFollowers));

        // From 46 h (the count of 45 h) to 70 h: five steps of 1,000, less one step for the rounding at the two ends.
        Assert.Equal(4_000, least, 6);
        Assert.Equal(Ticks(46), baseTicks);
        Assert.Equal(409_000, baseFollowers);
    }

    [Fact]
    public void A_rise_of_several_steps_in_four_hours_loses_its_largest_four_hours_as_a_burst_would()
    {
        var rate = new RoundedTrailingRate();
        for (var hour = 0; hour <= 72; hour += 2)
        {
            rate.Add(Ticks(hour), 400_000 + (hour / 2 * 1_000));
        }

        Assert.True(rate.TryLeastRate(TimeSpan.FromDays(1), ThreeFigures, out var least, out _, out _));

        // 12 steps in the day; the three within four hours come off with their own rounding step, and one for the ends.
        Assert.Equal(7_000, least, 6);
    }

    [Fact]
    public void A_burst_of_a_few_hours_is_left_out_at_the_cost_of_its_own_rounding()
    {
        var rate = new RoundedTrailingRate();
        rate.Add(Ticks(0), 545_000);
        rate.Add(Ticks(30), 546_000);
        rate.Add(Ticks(40), 563_000);
        rate.Add(Ticks(41), 580_000);
        rate.Add(Ticks(42.1), 598_000);
        rate.Add(Ticks(50), 599_000);

        Assert.True(rate.TryLeastRate(TimeSpan.FromDays(1), ThreeFigures, out var least, out _, out var baseFollowers));

        // 54,000 from 545,000; the 52,000 of the burst and two rounding steps come off.
        Assert.Equal(545_000, baseFollowers);
        Assert.Equal(0, least, 6);
    }

    [Fact]
    public void One_step_in_a_few_hours_is_rounding_not_a_burst()
    {
        var rate = new RoundedTrailingRate();
        rate.Add(Ticks(0), 86_200);
        rate.Add(Ticks(20), 86_300);
        rate.Add(Ticks(30), 86_400);

        Assert.True(rate.TryLeastRate(TimeSpan.FromDays(1), ThreeFigures, out var least, out _, out _));

        Assert.Equal(100, least, 6);
    }

    [Fact]
    public void A_window_the_points_do_not_reach_back_to_has_no_rate()
    {
        var rate = new RoundedTrailingRate();
        rate.Add(Ticks(0), 86_200);
        rate.Add(Ticks(20), 86_300);

        Assert.False(rate.TryLeastRate(TimeSpan.FromDays(1), ThreeFigures, out _, out _, out _));
        Assert.True(rate.TryLeastRate(TimeSpan.FromHours(20), ThreeFigures, out _, out _, out _));
    }

    [Theory]
    [InlineData(5_000, 3_000, 4_000, 2_000)]
    [InlineData(2_000, 40_000, 30_000, 1_000)]
    [InlineData(40_000, 30_000, 2_000, 1_000)]
    public void On_daily_points_the_least_rate_of_the_last_three_days_is_the_smallest_day_less_a_step(long firstDay, long secondDay, long thirdDay, double expected)
    {
        var rate = new RoundedTrailingRate();
        rate.Add(Ticks(0), 390_000);
        rate.Add(Ticks(24), 400_000);
        rate.Add(Ticks(48), 400_000 + firstDay);
        rate.Add(Ticks(72), 400_000 + firstDay + secondDay);
        rate.Add(Ticks(96), 400_000 + firstDay + secondDay + thirdDay);

        Assert.True(rate.TryLeastOfLast(3, ThreeFigures, out var least, out var baseTicks, out var baseFollowers));

        // A burst raises a day or two (straddling a sample), so the smallest day is what a sustained rise must show.
        Assert.Equal(expected, least, 6);
        Assert.Equal(Ticks(24), baseTicks);
        Assert.Equal(400_000, baseFollowers);
    }

    [Fact]
    public void Three_points_are_not_three_days()
    {
        var rate = new RoundedTrailingRate();
        rate.Add(Ticks(0), 400_000);
        rate.Add(Ticks(24), 405_000);
        rate.Add(Ticks(48), 410_000);

        Assert.False(rate.TryLeastOfLast(3, ThreeFigures, out _, out _, out _));
    }
}
