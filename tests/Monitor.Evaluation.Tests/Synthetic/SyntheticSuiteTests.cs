using Monitor.Evaluation.Detection;
using Monitor.Evaluation.Synthetic;
using Xunit;

namespace Monitor.Evaluation.Tests.Synthetic;

public sealed class SyntheticSuiteTests
{
    private static readonly IReadOnlyList<FollowerSeries> _suite = SyntheticSuite.Generate(new SyntheticOptions { AccountsPerScenario = 2 });

    [Fact]
    public void Same_seed_gives_the_same_suite()
    {
        var again = SyntheticSuite.Generate(new SyntheticOptions { AccountsPerScenario = 2 });

        Assert.Equal(_suite.Count, again.Count);
        for (var i = 0; i < _suite.Count; i++)
        {
            Assert.Equal(_suite[i].Name, again[i].Name);
            Assert.Equal(_suite[i].Points, again[i].Points);
            Assert.Equal(_suite[i].Events, again[i].Events);
        }
    }

    [Fact]
    public void Different_seed_gives_different_follower_counts()
    {
        var other = SyntheticSuite.Generate(new SyntheticOptions { AccountsPerScenario = 2, Seed = 7 });

        Assert.NotEqual(_suite[0].Points.Select(point => point.Followers), other[0].Points.Select(point => point.Followers));
    }

    [Fact]
    public void Every_scenario_comes_in_hourly_and_daily_sampling_for_every_account()
    {
        Assert.Equal(SyntheticSuite.Scenarios.Count * 2 * 2, _suite.Count);
        foreach (var scenario in SyntheticSuite.Scenarios)
        {
            Assert.Equal(2, _suite.Count(series => series.Scenario == scenario && series.Sampling == Sampling.Hourly));
            Assert.Equal(2, _suite.Count(series => series.Scenario == scenario && series.Sampling == Sampling.Daily));
        }
    }

    [Theory]
    [InlineData(SyntheticSuite.WarSurge, nameof(EventKind.Surge), 1)]
    [InlineData(SyntheticSuite.Spikes, nameof(EventKind.Spike), 3)]
    [InlineData(SyntheticSuite.BotPurge, nameof(EventKind.Drop), 1)]
    [InlineData(SyntheticSuite.CollectionStall, nameof(EventKind.Stall), 1)]
    [InlineData(SyntheticSuite.Gap, nameof(EventKind.Stall), 1)]
    [InlineData(SyntheticSuite.RegimeChange, nameof(EventKind.Surge), 1)]
    [InlineData(SyntheticSuite.Huge, nameof(EventKind.Spike), 1)]
    public void Event_scenarios_label_their_events_with_the_right_kind(string scenario, string kind, int count)
    {
        foreach (var series in SeriesOf(scenario))
        {
            Assert.Equal(count, series.Events.Count);
            Assert.All(series.Events, label => Assert.Equal(Enum.Parse<EventKind>(kind), label.Kind));
        }
    }

    [Fact]
    public void Quiet_scenarios_carry_no_events()
    {
        var quiet = _suite.Where(series => SyntheticSuite.QuietScenarios.Contains(series.Scenario)).ToList();

        Assert.Equal(SyntheticSuite.QuietScenarios.Count * 2 * 2, quiet.Count);
        Assert.All(quiet, series => Assert.Empty(series.Events));
    }

    [Fact]
    public void Hourly_and_daily_variants_of_an_account_share_their_events()
    {
        var hourlySeries = _suite.Where(series => series.Sampling == Sampling.Hourly).ToList();
        Assert.Equal(SyntheticSuite.Scenarios.Count * 2, hourlySeries.Count);
        foreach (var hourly in hourlySeries)
        {
            var daily = _suite.Single(series => series.Name == hourly.Name.Replace("-hourly", "-daily", StringComparison.Ordinal));
            Assert.Equal(hourly.Events, daily.Events);
        }
    }

    [Fact]
    public void War_surge_is_labelled_on_the_44_day_war_and_multiplies_the_daily_gain()
    {
        foreach (var series in SeriesOf(SyntheticSuite.WarSurge, Sampling.Daily))
        {
            var surge = Assert.Single(series.Events);
            Assert.Equal(new DateTimeOffset(2020, 9, 27, 0, 0, 0, TimeSpan.Zero), surge.Start);
            Assert.Equal(new DateTimeOffset(2020, 11, 10, 0, 0, 0, TimeSpan.Zero), surge.End);
            Assert.InRange(series.Points[0].Followers, 350_000, 450_000);

            var before = MeanDailyGain(series, surge.Start.AddDays(-30), surge.Start);
            var firstWeeks = MeanDailyGain(series, surge.Start.AddDays(3), surge.Start.AddDays(17));
            Assert.InRange(before, 150, 450);
            Assert.True(firstWeeks > 2_000, $"gain in the surge's first weeks {firstWeeks:0}/day");
        }
    }

    [Fact]
    public void Bot_purge_loses_a_few_percent_on_its_labelled_day()
    {
        foreach (var series in SeriesOf(SyntheticSuite.BotPurge, Sampling.Daily))
        {
            var drop = Assert.Single(series.Events);
            var before = series.Points.Single(point => point.Timestamp == drop.Start).Followers;
            var after = series.Points.Single(point => point.Timestamp == drop.End).Followers;

            Assert.InRange((after - before) / (double)before, -0.085, -0.025);
        }
    }

    [Fact]
    public void Spike_adds_many_days_of_growth_within_its_labelled_day()
    {
        foreach (var series in SeriesOf(SyntheticSuite.Spikes, Sampling.Daily))
        {
            foreach (var spike in series.Events)
            {
                var typical = MeanDailyGain(series, spike.Start.AddDays(-14), spike.Start);
                var onTheDay = series.Points.Single(point => point.Timestamp == spike.End).Followers - series.Points.Single(point => point.Timestamp == spike.Start).Followers;

                Assert.True(onTheDay > 5 * typical, $"{series.Name}: {onTheDay} on the spike day against {typical:0}/day");
            }
        }
    }

    [Fact]
    public void Stall_leaves_no_observation_inside_its_label_and_data_resumes_after_it()
    {
        foreach (var series in SeriesOf(SyntheticSuite.CollectionStall))
        {
            var stall = Assert.Single(series.Events);

            Assert.Equal(TimeSpan.FromDays(3), stall.End - stall.Start);
            Assert.DoesNotContain(series.Points, point => point.Timestamp >= stall.Start.AddMinutes(5) && point.Timestamp < stall.End.AddMinutes(-5));
            Assert.Contains(series.Points, point => point.Timestamp >= stall.End && point.Timestamp < stall.End.AddDays(1));
        }
    }

    [Fact]
    public void Tiny_accounts_stay_between_a_few_dozen_and_about_a_thousand_followers()
    {
        Assert.All(
            SeriesOf(SyntheticSuite.Tiny).SelectMany(series => series.Points),
            point => Assert.InRange(point.Followers, 20, 1_700));
    }

    [Fact]
    public void Hourly_points_are_in_time_order_and_about_an_hour_apart()
    {
        var hourly = _suite.Where(series => series.Sampling == Sampling.Hourly && series.Scenario is not (SyntheticSuite.CollectionStall or SyntheticSuite.Gap)).ToList();
        Assert.Equal((SyntheticSuite.Scenarios.Count - 2) * 2, hourly.Count);
        foreach (var series in hourly)
        {
            var gaps = series.Points.Zip(series.Points.Skip(1), (a, b) => b.Timestamp - a.Timestamp).ToList();
            Assert.All(gaps, gap => Assert.InRange(gap, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(70)));
        }
    }

    /// <summary>The series of one scenario (both samplings unless one is named); fails when there are not two accounts' worth.</summary>
    private static List<FollowerSeries> SeriesOf(string scenario, Sampling? sampling = null)
    {
        var series = _suite.Where(series => series.Scenario == scenario && (sampling is null || series.Sampling == sampling)).ToList();
        Assert.Equal(sampling is null ? 4 : 2, series.Count);
        return series;
    }

    [Fact]
    public void Surge_and_purge_loses_followers_in_the_middle_of_its_surge()
    {
        foreach (var series in SeriesOf(SyntheticSuite.SurgeAndPurge, Sampling.Daily))
        {
            var surge = Assert.Single(series.Events, label => label.Kind == EventKind.Surge);
            var drop = Assert.Single(series.Events, label => label.Kind == EventKind.Drop);
            Assert.Equal(2, series.Events.Count);
            Assert.InRange(drop.Start, surge.Start.AddDays(3), surge.End.AddDays(-3));
            var before = series.Points.Single(point => point.Timestamp == drop.Start).Followers;
            var after = series.Points.Single(point => point.Timestamp == drop.End).Followers;
            Assert.True(after < before, $"{series.Name}: {before} -> {after} on the purge day");
        }
    }

    [Fact]
    public void Gap_leaves_five_days_without_data()
    {
        foreach (var series in SeriesOf(SyntheticSuite.Gap))
        {
            var gap = Assert.Single(series.Events);

            Assert.Equal(TimeSpan.FromDays(5), gap.End - gap.Start);
            Assert.DoesNotContain(series.Points, point => point.Timestamp >= gap.Start.AddMinutes(5) && point.Timestamp < gap.End.AddMinutes(-5));
        }
    }

    [Fact]
    public void Regime_change_multiplies_the_daily_gain_for_good()
    {
        foreach (var series in SeriesOf(SyntheticSuite.RegimeChange, Sampling.Daily))
        {
            var change = Assert.Single(series.Events);
            Assert.Equal(TimeSpan.FromDays(21), change.End - change.Start);

            var before = MeanDailyGain(series, change.Start.AddDays(-28), change.Start);
            var longAfter = MeanDailyGain(series, change.Start.AddDays(28), change.Start.AddDays(56));
            Assert.InRange(longAfter / before, 2.5, 5.5);
        }
    }

    [Fact]
    public void Huge_and_micro_accounts_have_the_sizes_their_names_say()
    {
        Assert.All(SeriesOf(SyntheticSuite.Huge), series => Assert.InRange(series.Points[0].Followers, 80_000_000, 120_000_000));
        Assert.All(SeriesOf(SyntheticSuite.Micro), series => Assert.InRange(series.Points[0].Followers, 5, 99));
        Assert.All(SeriesOf(SyntheticSuite.Micro).SelectMany(series => series.Points), point => Assert.InRange(point.Followers, 0, 400));
    }

    private static double MeanDailyGain(FollowerSeries series, DateTimeOffset from, DateTimeOffset to)
    {
        var first = series.Points.First(point => point.Timestamp >= from);
        var last = series.Points.Last(point => point.Timestamp <= to);
        return (last.Followers - first.Followers) / (last.Timestamp - first.Timestamp).TotalDays;
    }
}
