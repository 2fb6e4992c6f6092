using Monitor.Core.Detection;
using Monitor.Evaluation.Detection;
using Monitor.Evaluation.Synthetic;
using Xunit;

namespace Monitor.Evaluation.Tests.Detection;

public sealed class CoreDetectorAdapterTests
{
    private static readonly DateTimeOffset _from = new(2020, 7, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Core_stall_is_reported_as_opened_by_the_clock_inside_the_gap_and_ended_by_the_next_observation()
    {
        var gapStart = _from.AddDays(5);
        var series = new FollowerSeriesBuilder("stall", SyntheticSuite.CollectionStall, _from, _from.AddDays(10), Sampling.Hourly)
            .StartingAt(300_000)
            .GrowingPerDay(500)
            .WithStall(gapStart, TimeSpan.FromDays(3))
            .Build(new Random(11));
        var adapter = new CoreDetectorAdapter(new DetectorSettings());

        var outcome = new SyntheticEvaluation(new SyntheticOptions()).Run(adapter, series);

        var stall = Assert.Single(outcome.Episodes, episode => episode.Kind == EventKind.Stall);
        Assert.InRange(stall.OpenedAt, gapStart, gapStart.AddDays(1));
        Assert.Equal(0, stall.OpenedAt.Minute);
        Assert.NotNull(stall.End);
        Assert.InRange(stall.End!.Value, gapStart.AddDays(3).AddMinutes(-5), gapStart.AddDays(3).AddHours(1));
    }

    [Fact]
    public void Score_is_the_core_detectors_last_anomaly_score()
    {
        var adapter = new CoreDetectorAdapter(new DetectorSettings());
        var reference = new AccountDetector(new DetectorSettings());
        var followers = 100_000L;

        for (var hour = 0; hour < 200; hour++)
        {
            followers += hour == 150 ? 5_000 : 20 + (hour % 5);
            var time = _from.AddHours(hour);
            reference.Observe(time, followers);
            Assert.Equal(reference.LastAnomalyScore, adapter.Observe(time, followers));
        }

        Assert.True(reference.LastAnomalyScore is >= 0 and <= 1);
    }
}
