using Monitor.Reports;
using Xunit;

namespace Monitor.Reports.Tests;

public sealed class ReportPeriodTests
{
    [Fact]
    public void A_week_runs_from_Monday_to_Sunday()
    {
        // 2020-10-01 was a Thursday.
        var week = ReportPeriod.WeekOf(new DateOnly(2020, 10, 1));
        Assert.Equal(new DateOnly(2020, 9, 28), week.From);
        Assert.Equal(new DateOnly(2020, 10, 4), week.To);
        Assert.Equal(7, week.Days);
        Assert.Equal("week 2020-W40 (2020-09-28 to 2020-10-04)", week.Label);
        Assert.Equal(week, ReportPeriod.WeekOf(new DateOnly(2020, 10, 4)));
        Assert.Equal(week, ReportPeriod.WeekOf(new DateOnly(2020, 9, 28)));
    }

    [Fact]
    public void A_month_is_its_calendar_days_and_ends_at_midnight_after_its_last()
    {
        var february = ReportPeriod.MonthOf(new DateOnly(2024, 2, 10));
        Assert.Equal(new DateOnly(2024, 2, 1), february.From);
        Assert.Equal(new DateOnly(2024, 2, 29), february.To);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), february.End);
        Assert.Equal("February 2024", february.Label);
    }

    [Fact]
    public void The_last_complete_period_is_the_one_before_the_current()
    {
        var now = new DateTimeOffset(2026, 12, 7, 4, 0, 0, TimeSpan.Zero); // a Monday
        Assert.Equal(new ReportPeriod(ReportPeriodKinds.Week, new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 6)), ReportPeriod.LastComplete(ReportPeriodKinds.Week, now));
        Assert.Equal(new ReportPeriod(ReportPeriodKinds.Month, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), ReportPeriod.LastComplete(ReportPeriodKinds.Month, now));
        Assert.Equal(new DateOnly(2025, 12, 1), ReportPeriod.MonthOf(new DateOnly(2026, 1, 15)).Previous().From);
    }

    [Fact]
    public void A_span_overlaps_when_it_touches_any_day_of_the_period()
    {
        var week = ReportPeriod.WeekOf(new DateOnly(2020, 10, 1));
        Assert.True(week.Overlaps(week.Start.AddDays(-3), week.Start.AddHours(1)));
        Assert.True(week.Overlaps(week.End.AddHours(-1), null));
        Assert.True(week.Overlaps(week.Start.AddDays(-30), null));
        Assert.False(week.Overlaps(week.End, null));
        Assert.False(week.Overlaps(week.Start.AddDays(-9), week.Start.AddDays(-2)));
    }

    [Fact]
    public void A_range_cannot_end_before_it_starts() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportPeriod.Between(new DateOnly(2020, 10, 2), new DateOnly(2020, 10, 1)));
}
