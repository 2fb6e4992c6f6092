using Monitor.Core.Accounts;
using Monitor.Core.Alerts;
using Monitor.Core.Detection;
using Monitor.Core.Tests.Builders;
using Xunit;

namespace Monitor.Core.Tests.Detection;

public sealed class IdleEncodedDetectorTests
{
    private static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly AccountKey Account = AccountKey.Parse("x:2996296402");

    private static string Describe(EpisodeChange change) => $"{change.Type} {change.Episode}";

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void Sleeping_between_observations_changes_nothing_the_detector_reports(int sleepEvery)
    {
        var series = EventfulSeries.Build(Start);
        var uninterrupted = new AccountDetector(DetectorSettings.Default, Account);
        var sleeper = new IdleEncodedDetector(new AccountDetector(DetectorSettings.Default, Account));
        var expected = new List<string>();
        var actual = new List<string>();
        var sleeps = 0;
        for (var i = 0; i < series.Count; i++)
        {
            var (timestamp, followers) = series[i];
            expected.AddRange(uninterrupted.CheckStall(timestamp.AddMinutes(-1)).Select(Describe));
            actual.AddRange(sleeper.CheckStall(timestamp.AddMinutes(-1)).Select(Describe));
            expected.AddRange(uninterrupted.Observe(timestamp, followers).Select(Describe));
            actual.AddRange(sleeper.Awake().Observe(timestamp, followers).Select(Describe));
            if (i % sleepEvery == 0)
            {
                sleeper.Sleep(sleeper.SerializeState());
                sleeps++;
                Assert.True(sleeper.IsDormant);
                Assert.Equal(uninterrupted.LastObservedAt, sleeper.LastObservedAt);
                Assert.Equal(uninterrupted.Resolution, sleeper.Resolution);
                Assert.Equal(uninterrupted.ResolutionIsInferred, sleeper.ResolutionIsInferred);
                Assert.Equal(uninterrupted.OpenEpisodes, sleeper.OpenEpisodes);
            }
        }

        Assert.True(sleeps > 10);
        Assert.Contains(expected, change => change.Contains("Stall", StringComparison.Ordinal));
        Assert.True(expected.Count >= 8, string.Join('\n', expected));
        Assert.Equal(expected, actual);
        Assert.Equal(uninterrupted.SerializeState(), sleeper.SerializeState());
    }

    [Fact]
    public void A_stall_check_that_opens_nothing_leaves_it_dormant_and_one_that_opens_a_stall_wakes_it()
    {
        var detector = new AccountDetector(DetectorSettings.Default, Account);
        foreach (var (timestamp, followers) in EventfulSeries.Build(Start).Take(24 * 10))
        {
            detector.Observe(timestamp, followers);
        }

        var last = detector.LastObservedAt!.Value;
        var sleeper = IdleEncodedDetector.FromState(DetectorSettings.Default, detector.SerializeState());
        Assert.True(sleeper.IsDormant);

        Assert.Empty(sleeper.CheckStall(last.AddMinutes(30)));
        Assert.True(sleeper.IsDormant);

        var opened = Assert.Single(sleeper.CheckStall(last.AddDays(2)));
        Assert.Equal(EpisodeChangeType.Opened, opened.Type);
        Assert.Equal(AlertKind.Stall, opened.Episode.Kind);
        Assert.False(sleeper.IsDormant);
        Assert.Equal(opened.Episode.Id, Assert.Single(sleeper.OpenEpisodes).Id);
    }

    [Fact]
    public void A_released_detector_answers_summaries_refuses_to_observe_and_continues_the_same_once_its_state_is_supplied()
    {
        var series = EventfulSeries.Build(Start);
        var uninterrupted = new AccountDetector(DetectorSettings.Default, Account);
        var expected = series.SelectMany(point => uninterrupted.Observe(point.Timestamp, point.Followers)).Select(Describe).ToList();

        var first = new AccountDetector(DetectorSettings.Default, Account);
        var split = 24 * 50;
        var actual = series.Take(split).SelectMany(point => first.Observe(point.Timestamp, point.Followers)).Select(Describe).ToList();
        var stored = first.SerializeState();
        var sleeper = IdleEncodedDetector.FromState(DetectorSettings.Default, stored);
        sleeper.ReleaseState();

        Assert.True(sleeper.IsReleased);
        Assert.Equal(first.LastObservedAt, sleeper.LastObservedAt);
        Assert.Equal(first.OpenEpisodes, sleeper.OpenEpisodes);
        Assert.NotEmpty(sleeper.OpenEpisodes);
        Assert.Throws<InvalidOperationException>(() => sleeper.Awake());
        Assert.Throws<InvalidOperationException>(() => sleeper.SerializeState());
        Assert.False(sleeper.StallCheckNeedsState(first.LastObservedAt!.Value.AddMinutes(30)));
        Assert.Empty(sleeper.CheckStall(first.LastObservedAt!.Value.AddMinutes(30)));
        Assert.True(sleeper.StallCheckNeedsState(first.LastObservedAt!.Value.AddDays(3)));

        sleeper.SupplyState(stored);
        actual.AddRange(series.Skip(split).SelectMany(point => sleeper.Awake().Observe(point.Timestamp, point.Followers)).Select(Describe));
        Assert.Equal(expected, actual);
        Assert.Equal(uninterrupted.SerializeState(), sleeper.SerializeState());
    }

    [Fact]
    public void A_malformed_state_is_refused_on_restore()
    {
        Assert.Throws<FormatException>(() => IdleEncodedDetector.FromState(DetectorSettings.Default, [99, 1, 2]));
    }
}
