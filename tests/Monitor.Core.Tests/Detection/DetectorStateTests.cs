using Monitor.Core.Accounts;
using Monitor.Core.Alerts;
using Monitor.Core.Detection;
using Monitor.Core.Serialization;
using Monitor.Core.Tests.Builders;
using Xunit;

namespace Monitor.Core.Tests.Detection;

public sealed class DetectorStateTests
{
    private static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly AccountKey Account = AccountKey.Parse("bluesky:did:plc:z72i7hdynmk6r22z27h6tvur");

    private static (List<string> Changes, List<double> Scores) Feed(AccountDetector detector, IEnumerable<(DateTimeOffset Timestamp, long Followers)> points)
    {
        var changes = new List<string>();
        var scores = new List<double>();
        foreach (var (timestamp, followers) in points)
        {
            changes.AddRange(detector.CheckStall(timestamp.AddMinutes(-1)).Select(Describe));
            changes.AddRange(detector.Observe(timestamp, followers).Select(Describe));
            scores.Add(detector.LastAnomalyScore);
        }

        return (changes, scores);
    }

    private static int VarUIntLength(ulong value)
    {
        var length = 1;
        for (; value >= 0x80; value >>= 7)
        {
            length++;
        }

        return length;
    }

    private static string Describe(EpisodeChange change) => $"{change.Type} {change.Episode}";

    [Theory]
    [InlineData(500)]
    [InlineData(24 * 41)]
    [InlineData(24 * 75 + 4)]
    [InlineData(24 * 86)]
    [InlineData(24 * 96)]
    public void Restoring_then_continuing_matches_never_stopping(int stopAfter)
    {
        var series = EventfulSeries.Build(Start);
        var uninterrupted = new AccountDetector(DetectorSettings.Default, Account);
        var expected = Feed(uninterrupted, series);

        var first = new AccountDetector(DetectorSettings.Default, Account);
        var before = Feed(first, series.Take(stopAfter));
        var restored = AccountDetector.Restore(DetectorSettings.Default, first.SerializeState());
        var after = Feed(restored, series.Skip(stopAfter));

        Assert.True(expected.Changes.Count >= 8, string.Join('\n', expected.Changes));
        Assert.Equal(expected.Changes, before.Changes.Concat(after.Changes));
        Assert.Equal(expected.Scores, before.Scores.Concat(after.Scores));
        Assert.Equal(uninterrupted.SerializeState(), restored.SerializeState());
    }

    // Without the shift term its state is a zero mean, a zero count and an empty normaliser: 8 + 1 + (8 + 8 + 1) bytes.
    // Without the time-of-day term, an empty profile (one byte) and an empty normaliser: 1 + (8 + 8 + 1) bytes.
    private static readonly DetectorSettings NoShift = DetectorSettings.Default with { ScoreShiftSpan = 0, ScoreTimeOfDay = ScoreTimeOfDay.Off };
    private static readonly DetectorSettings NoTimeOfDay = DetectorSettings.Default with { ScoreTimeOfDay = ScoreTimeOfDay.Off };
    private const int EmptyShiftLength = 26;
    private const int EmptyTimeOfDayLength = 18;

    /// <summary>The current state after 45 days of the eventful series, split at its length-prefixed block of added fields.</summary>
    private static (byte[] State, int HeaderLength, int BlockLength) StateAfter45Days(IReadOnlyList<(DateTimeOffset Timestamp, long Followers)> series, out (List<string> Changes, List<double> Scores) before, DetectorSettings? settings = null)
    {
        var first = new AccountDetector(settings ?? DetectorSettings.Default, Account);
        before = Feed(first, series.Take(24 * 45));
        var current = first.SerializeState();
        var reader = new ByteReader(current.AsSpan(1));
        var blockLength = reader.ReadCount(1 << 20, "block");
        return (current, 1 + VarUIntLength((ulong)blockLength), blockLength);
    }

    [Fact]
    public void State_saved_before_count_resolution_existed_still_loads_and_continues_the_same()
    {
        var series = EventfulSeries.Build(Start);
        var expected = Feed(new AccountDetector(DetectorSettings.Default, Account), series);
        var (current, headerLength, blockLength) = StateAfter45Days(series, out var before);

        // Version 1 is version 2 without the length-prefixed block of version 2's fields that follows the version byte.
        byte[] version1 = [1, .. current.AsSpan(headerLength + blockLength)];

        var restored = AccountDetector.Restore(DetectorSettings.Default, version1);
        var after = Feed(restored, series.Skip(24 * 45));

        Assert.Equal(expected.Changes, before.Changes.Concat(after.Changes));
        Assert.Equal(CountResolution.Exact, restored.Resolution);
    }

    [Fact]
    public void State_saved_before_rounded_change_points_were_kept_still_loads_and_continues_the_same()
    {
        var series = EventfulSeries.Build(Start);
        var uninterrupted = new AccountDetector(NoShift, Account);
        var expected = Feed(uninterrupted, series);
        var (current, headerLength, blockLength) = StateAfter45Days(series, out var before, NoShift);

        // Version 3 is version 6 without the time-of-day and shift terms' state and the rounded change points (one zero byte:
        // none kept) at the end of the added block.
        Assert.Equal(0, current[headerLength + blockLength - EmptyTimeOfDayLength - EmptyShiftLength - 1]);
        var block = current.AsSpan(headerLength, blockLength - EmptyTimeOfDayLength - EmptyShiftLength - 1);
        var blockPrefix = new ByteWriter();
        blockPrefix.WriteVarUInt((ulong)block.Length);
        byte[] version3 = [3, .. blockPrefix.ToArray(), .. block, .. current.AsSpan(headerLength + blockLength)];

        var restored = AccountDetector.Restore(NoShift, version3);
        var after = Feed(restored, series.Skip(24 * 45));

        Assert.Equal(expected.Changes, before.Changes.Concat(after.Changes));
        Assert.Equal(expected.Scores, before.Scores.Concat(after.Scores));
        Assert.Equal(uninterrupted.SerializeState(), restored.SerializeState());
    }

    [Fact]
    public void State_saved_before_the_score_had_a_shift_term_still_loads_and_continues_the_same()
    {
        var series = EventfulSeries.Build(Start);
        var uninterrupted = new AccountDetector(NoShift, Account);
        var expected = Feed(uninterrupted, series);
        var (current, headerLength, blockLength) = StateAfter45Days(series, out var before, NoShift);
        byte[] version4 = Version4Of(current, headerLength, blockLength);

        var restored = AccountDetector.Restore(NoShift, version4);
        var after = Feed(restored, series.Skip(24 * 45));

        Assert.Equal(expected.Changes, before.Changes.Concat(after.Changes));
        Assert.Equal(expected.Scores, before.Scores.Concat(after.Scores));
        Assert.Equal(uninterrupted.SerializeState(), restored.SerializeState());
    }

    [Fact]
    public void A_version_4_state_restored_with_the_shift_term_reports_the_same_episodes()
    {
        // The shift term starts afresh after the restore; it shapes the anomaly score only, so the episodes are unchanged.
        var series = EventfulSeries.Build(Start);
        var expected = Feed(new AccountDetector(DetectorSettings.Default, Account), series);
        var (current, headerLength, blockLength) = StateAfter45Days(series, out var before, NoShift);

        var restored = AccountDetector.Restore(DetectorSettings.Default, Version4Of(current, headerLength, blockLength));
        var after = Feed(restored, series.Skip(24 * 45));

        Assert.True(expected.Changes.Count >= 8, string.Join('\n', expected.Changes));
        Assert.Equal(expected.Changes, before.Changes.Concat(after.Changes));
        Assert.Equal(6, restored.SerializeState()[0]);
    }

    [Fact]
    public void State_saved_before_the_score_had_a_time_of_day_profile_still_loads_and_continues_the_same()
    {
        var series = EventfulSeries.Build(Start);
        var uninterrupted = new AccountDetector(NoTimeOfDay, Account);
        var expected = Feed(uninterrupted, series);
        var (current, headerLength, blockLength) = StateAfter45Days(series, out var before, NoTimeOfDay);

        var restored = AccountDetector.Restore(NoTimeOfDay, Version5Of(current, headerLength, blockLength));
        var after = Feed(restored, series.Skip(24 * 45));

        Assert.Equal(expected.Changes, before.Changes.Concat(after.Changes));
        Assert.Equal(expected.Scores, before.Scores.Concat(after.Scores));
        Assert.Equal(uninterrupted.SerializeState(), restored.SerializeState());
    }

    [Fact]
    public void A_version_5_state_restored_with_the_time_of_day_profile_reports_the_same_episodes()
    {
        // The profile starts afresh after the restore; it shapes the anomaly score only, so the episodes are unchanged.
        var series = EventfulSeries.Build(Start);
        var expected = Feed(new AccountDetector(DetectorSettings.Default, Account), series);
        var (current, headerLength, blockLength) = StateAfter45Days(series, out var before, NoTimeOfDay);

        var restored = AccountDetector.Restore(DetectorSettings.Default, Version5Of(current, headerLength, blockLength));
        var after = Feed(restored, series.Skip(24 * 45));

        Assert.True(expected.Changes.Count >= 8, string.Join('\n', expected.Changes));
        Assert.Equal(expected.Changes, before.Changes.Concat(after.Changes));
        Assert.NotEqual(expected.Scores, before.Scores.Concat(after.Scores));
    }

    // Version 5 is version 6 without the time-of-day term's state at the end of the added block.
    private static byte[] Version5Of(byte[] current, int headerLength, int blockLength)
    {
        Assert.Equal(new byte[EmptyTimeOfDayLength], current.AsSpan(headerLength + blockLength - EmptyTimeOfDayLength, EmptyTimeOfDayLength).ToArray());
        var block = current.AsSpan(headerLength, blockLength - EmptyTimeOfDayLength);
        var blockPrefix = new ByteWriter();
        blockPrefix.WriteVarUInt((ulong)block.Length);
        return [5, .. blockPrefix.ToArray(), .. block, .. current.AsSpan(headerLength + blockLength)];
    }

    // Version 4 is version 6 without the time-of-day and shift terms' state at the end of the added block.
    private static byte[] Version4Of(byte[] current, int headerLength, int blockLength)
    {
        var tail = EmptyShiftLength + EmptyTimeOfDayLength;
        Assert.Equal(new byte[tail], current.AsSpan(headerLength + blockLength - tail, tail).ToArray());
        var block = current.AsSpan(headerLength, blockLength - tail);
        var blockPrefix = new ByteWriter();
        blockPrefix.WriteVarUInt((ulong)block.Length);
        return [4, .. blockPrefix.ToArray(), .. block, .. current.AsSpan(headerLength + blockLength)];
    }

    [Theory]
    [InlineData(24 * 40 + 10, 1)]
    [InlineData(24 * 41, 1)]
    [InlineData(41, 24)]
    [InlineData(42, 24)]
    public void A_rounded_series_restored_mid_surge_continues_as_if_never_stopped(int stopAfter, int hoursBetween)
    {
        // Daily points: the early check then judges the last two day intervals, which the restored state must carry.
        var series = new FollowerSeriesBuilder()
            .StartingAt(Start, 400_000).GrowingPerDay(300).WithWeeklyRhythm(0.3).WithDailyRhythm(0.5)
            .SampledEvery(TimeSpan.FromHours(hoursBetween), TimeSpan.FromMinutes(10))
            .WithSurge(Start.AddDays(40), Start.AddDays(60), 1_500, 6_000, 1_000)
            .RoundedTo(3)
            .Build(Start.AddDays(70));
        var uninterrupted = new AccountDetector(DetectorSettings.Default, Account);
        var expected = Feed(uninterrupted, series);

        var first = new AccountDetector(DetectorSettings.Default, Account);
        var before = Feed(first, series.Take(stopAfter));
        var restored = AccountDetector.Restore(DetectorSettings.Default, first.SerializeState());
        var after = Feed(restored, series.Skip(stopAfter));

        Assert.Contains(expected.Changes, change => change.StartsWith("Opened", StringComparison.Ordinal) && change.Contains("surge", StringComparison.Ordinal));
        Assert.Equal(expected.Changes, before.Changes.Concat(after.Changes));
        Assert.Equal(uninterrupted.SerializeState(), restored.SerializeState());
    }

    [Fact]
    public void Open_episodes_survive_a_restore_with_the_same_ids()
    {
        var series = EventfulSeries.Build(Start);
        var detector = new AccountDetector(DetectorSettings.Default, Account);
        Feed(detector, series.Take(24 * 50));
        var open = Assert.Single(detector.OpenEpisodes);

        var restored = AccountDetector.Restore(DetectorSettings.Default, detector.SerializeState());

        Assert.Equal(open, Assert.Single(restored.OpenEpisodes));
        Assert.StartsWith("surge-bluesky:did:plc:z72i7hdynmk6r22z27h6tvur-202002", open.Id, StringComparison.Ordinal);
        Assert.Equal(Account, restored.Account);
    }

    [Fact]
    public void Replaying_the_same_points_yields_the_same_episode_ids()
    {
        var series = EventfulSeries.Build(Start);

        var first = Feed(new AccountDetector(DetectorSettings.Default, Account), series).Changes;
        var second = Feed(new AccountDetector(DetectorSettings.Default, Account), series).Changes;

        Assert.Equal(first, second);
    }

    [Fact]
    public void Malformed_state_is_refused()
    {
        var state = new AccountDetector(DetectorSettings.Default).SerializeState();

        Assert.Throws<FormatException>(() => AccountDetector.Restore(DetectorSettings.Default, state.AsSpan(0, state.Length - 1)));
        Assert.Throws<FormatException>(() => AccountDetector.Restore(DetectorSettings.Default, [9, .. state.AsSpan(1)]));
    }

    [Fact]
    public void Observations_at_or_before_the_last_one_are_ignored()
    {
        var series = EventfulSeries.Build(Start).Take(24 * 30).ToList();
        var detector = new AccountDetector(DetectorSettings.Default);
        Feed(detector, series);
        var state = detector.SerializeState();

        Assert.Empty(detector.Observe(series[^1].Timestamp, 1));
        Assert.Empty(detector.Observe(series[^5].Timestamp, 100));
        Assert.Equal(state, detector.SerializeState());
    }
}
