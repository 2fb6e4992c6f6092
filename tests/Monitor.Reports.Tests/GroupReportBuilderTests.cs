using Monitor.Abstractions.Alerts;
using Monitor.Reports;
using Xunit;
using static Monitor.Reports.Tests.ReportFixtures;

namespace Monitor.Reports.Tests;

public sealed class GroupReportBuilderTests
{
    private static readonly DateOnly First = new(2020, 9, 20);
    private static readonly ReportPeriod Week = ReportPeriod.WeekOf(new DateOnly(2020, 10, 1)); // 2020-09-28 .. 2020-10-04

    // Daily counts from 2020-09-20 to 2020-10-10; the week starts on index 8 (2020-09-28) and ends on index 14 (2020-10-04).
    private static readonly ReportAccountInput Big = Account("x:big", "Big", First, Series(1_000_000, 100), collected: true);
    private static readonly ReportAccountInput Fast = Account("x:fast", "Fast", First, Series(10_000, 500), synthetic: true);
    private static readonly ReportAccountInput Shrinking = Account("bluesky:shrink", "Shrinking", First, Series(50_000, -1_000));

    [Fact]
    public void Growth_runs_from_the_last_count_before_the_period_to_the_last_count_in_it()
    {
        var report = Build();
        var fast = report.Members.Single(row => row.Account == "x:fast");
        // The period starts from the count of 2020-09-27, the day before it (index 7), and ends at 2020-10-04's (index 14).
        Assert.Equal(10_000 + (7 * 500), fast.FollowersAtStart);
        Assert.Equal(10_000 + (14 * 500), fast.FollowersAtEnd);
        Assert.Equal(7 * 500, fast.Change);
        Assert.Equal(3_500.0 / 13_500, fast.ChangeShare!.Value, 10);
    }

    [Fact]
    public void Rankings_order_by_followers_by_gain_and_by_percentage()
    {
        var report = Build();
        Assert.Equal(["x:big", "bluesky:shrink", "x:fast"], report.Ranking(GroupReport.ByFollowers).Rows.Select(row => row.Account));
        Assert.Equal(["x:fast", "x:big", "bluesky:shrink"], report.Ranking(GroupReport.ByGrowth).Rows.Select(row => row.Account));
        Assert.Equal(["x:fast", "x:big", "bluesky:shrink"], report.Ranking(GroupReport.ByGrowthShare).Rows.Select(row => row.Account));
        // Movers by the size of the relative change either way: shrinking (-7,000 of 43,000) moved more than big (+700 of 1,000,700).
        Assert.Equal(["x:fast", "bluesky:shrink", "x:big"], report.TopMovers.Select(row => row.Account));
    }

    [Fact]
    public void Only_alerts_and_incidents_overlapping_the_period_are_reported_with_their_charts()
    {
        var inside = Alert("surge-1", "x:fast", At(new DateOnly(2020, 9, 25)), At(new DateOnly(2020, 9, 29)));
        var before = Alert("spike-2", "x:big", At(new DateOnly(2020, 9, 21)), At(new DateOnly(2020, 9, 22)));
        var open = Alert("drop-3", "bluesky:shrink", At(new DateOnly(2020, 10, 3)), null, "drop");
        var elsewhere = Alert("surge-4", "x:other", At(new DateOnly(2020, 9, 30)), null);
        var incident = new Incident("inc-1", "g", "surge", At(new DateOnly(2020, 9, 25)), null, ["surge-1"], ["x:fast", "x:big"]);
        var otherGroup = new Incident("inc-2", "h", "surge", At(new DateOnly(2020, 9, 25)), null, [], ["x:fast"]);
        var report = Build([inside, before, open, elsewhere], [incident, otherGroup]);

        Assert.Equal(["surge-1", "drop-3"], report.Alerts.Select(item => item.Alert.Id));
        var chart = report.Alerts[0].Chart;
        Assert.Equal(inside.Start, chart.BandStart);
        Assert.Equal(inside.End, chart.BandEnd);
        Assert.True(chart.From <= inside.Start - GroupReportBuilder.ChartMargin);
        Assert.Equal("Fast", chart.Series.Single().Label);
        Assert.True(chart.Series.Single().Synthetic);
        Assert.All(chart.Series.Single().Points, point => Assert.InRange(point.At, chart.From, chart.To));
        Assert.Equal(Week.End, report.Alerts[1].Chart.BandEnd); // an open alert is shaded to the period's end

        var reported = Assert.Single(report.Incidents);
        Assert.Equal("inc-1", reported.Incident.Id);
        Assert.Equal(["Fast", "Big"], reported.AccountNames);
        Assert.Equal(2, reported.Chart.Series.Count);
    }

    [Fact]
    public void Sources_count_platforms_collected_imported_and_synthetic_members()
    {
        var sources = Build().Sources;
        Assert.Equal(["bluesky", "x"], sources.Platforms);
        Assert.Equal(1, sources.CollectedAccounts);
        Assert.Equal(2, sources.ImportedAccounts);
        Assert.Equal(1, sources.SyntheticAccounts);
        Assert.True(sources.AnySynthetic);
    }

    [Fact]
    public void A_member_without_data_in_reach_has_no_figures_and_is_left_out_of_rankings()
    {
        var late = Account("x:late", "Late", new DateOnly(2020, 10, 20), [5, 6]);
        var report = GroupReportBuilder.Build(new ReportInput(ReportSubject.Group("g"), Week, DateTimeOffset.UnixEpoch, [Big, late], [], []));
        var row = report.Members.Single(member => member.Account == "x:late");
        Assert.Null(row.FollowersAtEnd);
        Assert.Null(row.Change);
        Assert.DoesNotContain(report.Ranking(GroupReport.ByFollowers).Rows, member => member.Account == "x:late");
        Assert.Equal(2, report.Members.Count);
    }

    [Fact]
    public void The_history_window_reaches_past_every_overlapping_alert_by_the_chart_margin()
    {
        var early = Alert("surge-1", "x:fast", At(new DateOnly(2020, 9, 1)), At(new DateOnly(2020, 10, 20)));
        var (from, to) = GroupReportBuilder.HistoryWindow(Week, [early]);
        Assert.Equal(early.Start - GroupReportBuilder.ChartMargin, from);
        Assert.Equal(early.End!.Value + GroupReportBuilder.ChartMargin, to);
        var (quietFrom, quietTo) = GroupReportBuilder.HistoryWindow(Week, []);
        Assert.Equal(Week.Start - GroupReportBuilder.ChartMargin, quietFrom);
        Assert.Equal(Week.End + GroupReportBuilder.ChartMargin, quietTo);
    }

    internal static GroupReport Build(IReadOnlyList<AlertView>? alerts = null, IReadOnlyList<Incident>? incidents = null) =>
        GroupReportBuilder.Build(new ReportInput(ReportSubject.Group("g"), Week, new DateTimeOffset(2020, 10, 12, 0, 0, 0, TimeSpan.Zero), [Big, Fast, Shrinking], alerts ?? [], incidents ?? []));

    private static long[] Series(long start, long perDay) => Enumerable.Range(0, 21).Select(day => start + (day * perDay)).ToArray();
}
