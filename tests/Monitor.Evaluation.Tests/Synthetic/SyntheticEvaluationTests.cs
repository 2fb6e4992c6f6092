using Monitor.Evaluation.Detection;
using Monitor.Evaluation.Synthetic;
using Monitor.Evaluation.Tests.Builders;
using Xunit;

namespace Monitor.Evaluation.Tests.Synthetic;

public sealed class SyntheticEvaluationTests
{
    private static readonly DateTimeOffset _from = new(2020, 7, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SyntheticOptions _options = new() { StallCheckInterval = TimeSpan.FromHours(1) };

    [Fact]
    public void Stall_is_checked_on_the_clock_through_a_gap_in_the_data()
    {
        var series = new FollowerSeriesBuilder("stalled", SyntheticSuite.CollectionStall, _from, _from.AddDays(10), Sampling.Daily)
            .WithStall(_from.AddDays(4), TimeSpan.FromDays(3))
            .Build(new Random(1));
        var detector = new RecordingDetector();

        new SyntheticEvaluation(_options).Run(detector, series);

        Assert.Equal(8, detector.Observations.Count);
        var checksInGap = detector.StallChecks.Count(time => time > _from.AddDays(3) && time < _from.AddDays(7));
        Assert.Equal((4 * 24) - 1, checksInGap);
        Assert.Equal(_from.AddDays(10), detector.StallChecks[^1]);
    }

    [Fact]
    public void Episode_overlapping_a_label_of_its_kind_is_found_and_its_delay_runs_from_onset_to_opening()
    {
        var series = Surge();
        var detector = new RecordingDetector().Opens(new DetectedEpisode(EventKind.Surge, _from.AddDays(30), _from.AddDays(31.5), _from.AddDays(50)));

        var report = SyntheticEvaluation.Score("test", [new SyntheticEvaluation(_options).Run(detector, series)]);

        var surge = report.Kinds.Single(kind => kind.Kind == EventKind.Surge && kind.Sampling == Sampling.Daily);
        Assert.Equal(1.0, surge.Recall);
        Assert.Equal(1.0, surge.Precision);
        Assert.Equal(TimeSpan.FromHours(36), surge.MedianDelay);
    }

    [Fact]
    public void Spike_delay_runs_from_the_burst_not_from_the_start_of_its_labelled_day()
    {
        var burst = _from.AddDays(10).AddHours(9);
        var series = new FollowerSeriesBuilder("spike", SyntheticSuite.Spikes, _from, _from.AddDays(20), Sampling.Hourly)
            .WithSpike(burst, 5_000)
            .Build(new Random(5));
        var detector = new RecordingDetector().Opens(new DetectedEpisode(EventKind.Spike, burst, burst.AddHours(4), burst.AddHours(4)));

        var spike = SyntheticEvaluation.Score("test", [new SyntheticEvaluation(_options).Run(detector, series)])
            .Kinds.Single(kind => kind.Kind == EventKind.Spike && kind.Sampling == Sampling.Hourly);

        Assert.Equal(_from.AddDays(10), series.Events.Single().Start);
        Assert.Equal(TimeSpan.FromHours(4), spike.MedianDelay);
    }

    [Fact]
    public void Episode_of_the_wrong_kind_is_a_false_positive_and_the_label_is_missed()
    {
        var series = Surge();
        var detector = new RecordingDetector().Opens(new DetectedEpisode(EventKind.Spike, _from.AddDays(31), _from.AddDays(31)));

        var report = SyntheticEvaluation.Score("test", [new SyntheticEvaluation(_options).Run(detector, series)]);

        Assert.Equal(0.0, report.Kinds.Single(kind => kind.Kind == EventKind.Surge && kind.Sampling == Sampling.Daily).Recall);
        Assert.Equal(0.0, report.Kinds.Single(kind => kind.Kind == EventKind.Spike && kind.Sampling == Sampling.Daily).Precision);
    }

    [Fact]
    public void Episode_outside_the_labelled_window_does_not_count()
    {
        var series = Surge();
        var detector = new RecordingDetector().Opens(new DetectedEpisode(EventKind.Surge, _from.AddDays(10), _from.AddDays(10), _from.AddDays(12)));

        var surge = SyntheticEvaluation.Score("test", [new SyntheticEvaluation(_options).Run(detector, series)])
            .Kinds.Single(kind => kind.Kind == EventKind.Surge && kind.Sampling == Sampling.Daily);

        Assert.Equal(0, surge.Found);
        Assert.Equal(1, surge.Episodes);
        Assert.Equal(0.0, surge.Precision);
    }

    [Fact]
    public void Still_open_episode_runs_to_the_end_of_the_series()
    {
        var series = Surge();
        var detector = new RecordingDetector().Opens(new DetectedEpisode(EventKind.Surge, _from.AddDays(20), _from.AddDays(20)));

        var surge = SyntheticEvaluation.Score("test", [new SyntheticEvaluation(_options).Run(detector, series)])
            .Kinds.Single(kind => kind.Kind == EventKind.Surge && kind.Sampling == Sampling.Daily);

        Assert.Equal(1, surge.Found);
        Assert.Equal(TimeSpan.FromDays(-10), surge.MedianDelay);
    }

    [Fact]
    public void Alerts_on_quiet_scenarios_are_counted_per_series()
    {
        var quiet = new FollowerSeriesBuilder("organic-1", SyntheticSuite.Organic, _from, _from.AddDays(10), Sampling.Daily).Build(new Random(1));
        var detector = new RecordingDetector()
            .Opens(new DetectedEpisode(EventKind.Spike, _from.AddDays(2), _from.AddDays(2)))
            .Opens(new DetectedEpisode(EventKind.Drop, _from.AddDays(5), _from.AddDays(5)));

        var report = SyntheticEvaluation.Score("test", [new SyntheticEvaluation(_options).Run(detector, quiet)]);

        var organic = Assert.Single(report.Quiet);
        Assert.Equal((SyntheticSuite.Organic, Sampling.Daily, 1, 2, 1), (organic.Scenario, organic.Sampling, organic.Series, organic.Episodes, organic.SeriesWithEpisodes));
    }

    private static FollowerSeries Surge() =>
        new FollowerSeriesBuilder("surge", SyntheticSuite.WarSurge, _from, _from.AddDays(90), Sampling.Daily)
            .StartingAt(400_000)
            .GrowingPerDay(300)
            .WithSurge(_from.AddDays(30), _from.AddDays(74), 4_000)
            .Build(new Random(3));
}
