using Monitor.Core.Accounts;
using Monitor.Core.Alerts;
using Monitor.Core.Detection;
using Monitor.Core.History;
using Monitor.Core.Tests.Builders;
using Xunit;

namespace Monitor.Core.Tests.Detection;

/// <summary>Points that arrive after later ones (a backfill of a gap): judged in the span around them, never lost.</summary>
public sealed class LatePointTests
{
    private static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset GapFrom = Start.AddDays(40);
    private static readonly DateTimeOffset GapTo = Start.AddDays(42);
    private static readonly AccountKey Account = AccountKey.Parse("x:783214");

    private static FollowerSeriesBuilder Hourly() => new FollowerSeriesBuilder()
        .StartingAt(Start, 400_000).GrowingPerDay(300).WithWeeklyRhythm(0.3).WithDailyRhythm(0.5)
        .SampledEvery(TimeSpan.FromHours(1));

    private static bool InGap(DateTimeOffset timestamp) => timestamp > GapFrom && timestamp < GapTo;

    /// <summary>
    /// As the account grain does: each batch goes through the history; points older than the detector's latest go to
    /// <see cref="AccountDetector.ObserveLate"/>, the rest to <see cref="AccountDetector.Observe"/>.
    /// </summary>
    private static List<EpisodeChange> FeedInBatches(params IEnumerable<(DateTimeOffset Timestamp, long Followers)>[] batches)
    {
        var history = new FollowerHistory();
        var detector = new AccountDetector(DetectorSettings.Default, Account);
        var changes = new List<EpisodeChange>();
        foreach (var batch in batches)
        {
            var result = history.Append(batch.Select(point => new FollowerSample(point.Timestamp, point.Followers)).ToList());
            if (detector.LastObservedAt is { } lastObserved)
            {
                var late = result.Added.Where(sample => sample.Timestamp < lastObserved).Select(sample => sample.Timestamp).ToHashSet();
                changes.AddRange(detector.ObserveLate(LateSpan.Around(history, late)));
            }

            foreach (var sample in result.Added)
            {
                changes.AddRange(detector.Observe(sample.Timestamp, sample.Followers));
            }
        }

        return changes;
    }

    /// <summary>The series fed live without the gap up to three days after it, then the gap, then the rest.</summary>
    private static List<EpisodeChange> FeedWithLateGap(IReadOnlyList<(DateTimeOffset Timestamp, long Followers)> series)
    {
        var cut = GapTo.AddDays(3);
        return FeedInBatches(
            series.Where(point => point.Timestamp <= cut && !InGap(point.Timestamp)),
            series.Where(point => InGap(point.Timestamp)),
            series.Where(point => point.Timestamp > cut));
    }

    [Fact]
    public void A_burst_and_its_reversal_inside_a_backfilled_gap_are_reported_as_a_spike_and_a_drop_that_already_ended()
    {
        var burst = GapFrom.AddDays(1).AddHours(3).AddMinutes(30);
        var series = Hourly().WithJump(burst, 3_000).WithJump(burst.AddHours(2), -3_000).Build(Start.AddDays(60));

        var liveOnly = FeedInBatches(series.Where(point => !InGap(point.Timestamp)));
        var changes = FeedWithLateGap(series);

        // Fed without the gap, the two days around the burst net to ordinary growth: nothing to report.
        Assert.Empty(liveOnly);
        var spike = Assert.Single(changes, change => change.Episode.Kind == AlertKind.Spike && change.Type == EpisodeChangeType.Opened).Episode;
        var drop = Assert.Single(changes, change => change.Episode.Kind == AlertKind.Drop && change.Type == EpisodeChangeType.Opened).Episode;
        Assert.Equal(burst.AddMinutes(-30), spike.Start);
        Assert.Equal(burst.AddHours(2).AddMinutes(-30), drop.Start);
        Assert.Equal(4, changes.Count);
        var resolved = changes.Where(change => change.Type == EpisodeChangeType.Resolved).Select(change => change.Episode).ToList();
        Assert.Equal([spike.Id, drop.Id], resolved.Select(episode => episode.Id));
        Assert.Equal([burst.AddMinutes(30), burst.AddHours(2).AddMinutes(30)], resolved.Select(episode => episode.End!.Value));
    }

    [Fact]
    public void Ordinary_growth_in_a_backfilled_gap_reports_nothing()
    {
        var changes = FeedWithLateGap(Hourly().Build(Start.AddDays(60)));

        Assert.Empty(changes);
    }

    [Fact]
    public void A_jump_already_reported_over_the_gap_is_not_reported_again_when_the_gap_is_backfilled()
    {
        var series = Hourly().WithJump(GapFrom.AddDays(1).AddHours(3).AddMinutes(30), 10_000).Build(Start.AddDays(60));

        var changes = FeedWithLateGap(series);

        // The jump shows in the two-day interval over the gap, so it opened live as one spike starting where the gap starts.
        var opened = Assert.Single(changes, change => change.Type == EpisodeChangeType.Opened);
        Assert.Equal(AlertKind.Spike, opened.Episode.Kind);
        Assert.Equal(GapFrom, opened.Episode.Start);
    }

    [Fact]
    public void The_span_runs_from_the_point_before_the_late_ones_to_the_point_after_them()
    {
        var series = Hourly().Build(GapTo.AddDays(3));
        var history = new FollowerHistory();
        history.Append(series.Where(point => !InGap(point.Timestamp)).Select(point => new FollowerSample(point.Timestamp, point.Followers)).ToList());
        var gap = series.Where(point => InGap(point.Timestamp)).ToList();
        history.Append(gap.Select(point => new FollowerSample(point.Timestamp, point.Followers)).ToList());

        var span = LateSpan.Around(history, gap.Select(point => point.Timestamp).ToHashSet());

        Assert.Equal(gap.Count + 2, span.Count);
        Assert.Equal(new SpanPoint(GapFrom, series.Single(point => point.Timestamp == GapFrom).Followers, false), span[0]);
        Assert.Equal(new SpanPoint(GapTo, series.Single(point => point.Timestamp == GapTo).Followers, false), span[^1]);
        Assert.Equal(gap.Select(point => new SpanPoint(point.Timestamp, point.Followers, true)), span.Skip(1).Take(gap.Count));
    }
}
