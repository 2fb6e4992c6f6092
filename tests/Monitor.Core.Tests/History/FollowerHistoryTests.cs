using Monitor.Core.Accounts;
using Monitor.Core.History;
using Monitor.Core.Tests.Builders;
using Xunit;

namespace Monitor.Core.Tests.History;

public sealed class FollowerHistoryTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Forever = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static List<FollowerSample> HourlyMonth() => new SampleSeriesBuilder()
        .GrowingPerDay(300, noisePerSample: 40)
        .WithJitter(TimeSpan.FromMinutes(20))
        .Sampled(Start, TimeSpan.FromHours(1), 24 * 30)
        .Build();

    private static FollowerHistory HistoryOf(IEnumerable<FollowerSample> samples, FollowerHistoryOptions? options = null)
    {
        var history = new FollowerHistory(options);
        history.Append(samples);
        return history;
    }

    private static void AssertSameSeries(FollowerHistory expected, FollowerHistory actual)
    {
        foreach (var resolution in Enum.GetValues<Resolution>())
        {
            Assert.Equal(expected.Query(Start.AddYears(-1), Forever, resolution), actual.Query(Start.AddYears(-1), Forever, resolution));
        }
    }

    [Fact]
    public void Points_appended_in_any_order_within_the_window_give_the_same_series()
    {
        var samples = HourlyMonth();
        var inOrder = HistoryOf(samples);

        // Shuffle within blocks of three days, fed one block per batch, so every point arrives inside the out-of-order window.
        var random = new Random(1234);
        var shuffled = new FollowerHistory();
        foreach (var block in samples.Chunk(72))
        {
            var copy = block.ToArray();
            random.Shuffle(copy);
            foreach (var sample in copy)
            {
                shuffled.Append([sample]);
            }
        }

        Assert.True(inOrder.HourlyCount > 0, "the month must reach the hourly tier for this test to mean anything");
        AssertSameSeries(inOrder, shuffled);
        Assert.Equal(inOrder.Serialize(), shuffled.Serialize());
    }

    [Fact]
    public void A_shuffled_batch_is_stored_like_a_sorted_one_and_reported_in_time_order()
    {
        var samples = HourlyMonth();
        var shuffled = samples.ToArray();
        new Random(99).Shuffle(shuffled);

        var history = new FollowerHistory();
        var result = history.Append(shuffled);

        Assert.Equal(samples.Select(s => s.Timestamp), result.Added.Select(s => s.Timestamp));
        AssertSameSeries(HistoryOf(samples), history);
    }

    [Fact]
    public void The_same_point_twice_is_a_duplicate()
    {
        var samples = HourlyMonth();
        var history = HistoryOf(samples);

        var result = history.Append([samples[^1], samples[^30], samples[^2]]);

        Assert.Empty(result.Added);
        Assert.Equal(3, result.Duplicates);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void A_different_value_at_a_stored_timestamp_is_a_conflict_and_the_first_value_is_kept()
    {
        var at = Start.AddHours(5);
        var history = new FollowerHistory();
        history.Append([new FollowerSample(at, 1_000, 10, 5)]);

        var result = history.Append([new FollowerSample(at.AddMilliseconds(400), 1_001, 10, 5), new FollowerSample(at.AddHours(1), 1_010)]);

        var conflict = Assert.Single(result.Rejected);
        Assert.Equal(RejectionReason.Conflict, conflict.Reason);
        Assert.Equal(0, conflict.Index);
        Assert.Contains("1001", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("1000", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.Conflicts);
        Assert.Equal(1_000, history.Query(at, at, Resolution.Raw).Single().Followers);
    }

    [Fact]
    public void Conflicts_inside_one_batch_keep_the_first_submitted()
    {
        var at = Start.AddHours(5);
        var history = new FollowerHistory();

        var result = history.Append([new FollowerSample(at, 2_000), new FollowerSample(at, 2_500), new FollowerSample(at, 2_000)]);

        Assert.Single(result.Added);
        Assert.Equal(1, result.Duplicates);
        Assert.Equal(1, Assert.Single(result.Rejected).Index);
        Assert.Equal(2_000, history.Latest!.Value.Followers);
    }

    [Fact]
    public void A_point_older_than_the_window_is_rejected_with_the_reason()
    {
        var history = HistoryOf(HourlyMonth());
        var latest = history.Latest!.Value.Timestamp;
        var tooOld = new FollowerSample(latest.AddDays(-8).AddMinutes(7), 5);
        var lateButFine = new FollowerSample(latest.AddDays(-6).AddMinutes(7), 409_000);

        var result = history.Append([tooOld, lateButFine]);

        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(RejectionReason.TooOld, rejected.Reason);
        Assert.Equal(tooOld, rejected.Sample);
        Assert.Contains(latest.AddDays(-8).AddMinutes(7).ToString("O", System.Globalization.CultureInfo.InvariantCulture), rejected.Message, StringComparison.Ordinal);
        Assert.Equal([lateButFine], result.Added);
    }

    [Fact]
    public void Gaps_and_decreasing_counts_are_stored_as_given()
    {
        var samples = new List<FollowerSample>
        {
            new(Start, 5_000, 10, 100),
            new(Start.AddMinutes(10), 4_200, 10, 100),
            new(Start.AddDays(40), 9_000, null, 130),
            new(Start.AddDays(40).AddSeconds(1), 8_999, 11, null),
            new(Start.AddDays(41), 0, 0, 0),
        };

        var history = HistoryOf(samples, new FollowerHistoryOptions { RawRetention = TimeSpan.FromDays(100), HourlyRetention = TimeSpan.FromDays(100) });

        Assert.Equal(samples, history.Query(Start, Forever, Resolution.Raw).Select(p => new FollowerSample(p.Timestamp, p.Followers, p.Following, p.Posts)));
    }

    [Fact]
    public void Counts_up_to_ten_billion_round_trip()
    {
        var samples = new SampleSeriesBuilder().StartingWith(9_999_000_000).GrowingPerDay(250_000, noisePerSample: 100_000)
            .Sampled(Start, TimeSpan.FromHours(6), 4 * 60).Build();

        var history = FollowerHistory.Deserialize(HistoryOf(samples).Serialize());

        Assert.True(samples[^1].Followers > 10_000_000_000);
        var all = history.Query(Start, Forever, Resolution.Day);
        Assert.Equal(samples.Max(s => s.Followers), all.Max(p => p.Max));
        Assert.Equal(samples[^1].Followers, history.Latest!.Value.Followers);
    }

    [Theory]
    [InlineData(Resolution.Hour)]
    [InlineData(Resolution.Day)]
    public void Roll_ups_match_a_brute_force_computation(Resolution resolution)
    {
        var samples = new SampleSeriesBuilder().GrowingPerDay(300, noisePerSample: 400).WithJitter(TimeSpan.FromMinutes(50))
            .Sampled(Start, TimeSpan.FromMinutes(45), 150 * 32).Build();
        var history = HistoryOf(samples);
        var size = resolution == Resolution.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);

        var expected = samples
            .OrderBy(s => s.Timestamp)
            .GroupBy(s => new DateTimeOffset(s.Timestamp.UtcTicks - (s.Timestamp.UtcTicks % size.Ticks), TimeSpan.Zero))
            .Select(g => new SeriesPoint(g.Key, g.Last().Followers, g.Last().Following, g.Last().Posts, g.Min(s => s.Followers), g.Max(s => s.Followers),
                g.First().Timestamp, g.Last().Timestamp, g.Count()))
            .ToList();

        var actual = history.Query(Start.AddDays(-1), Forever, resolution);

        Assert.True(history.DailyCount > 0 && history.HourlyCount > 0, "all three tiers must be in use");

        // Hours older than the hourly tier exist only inside daily roll-ups, so an hourly query starts where that tier does.
        Assert.Equal(expected.Where(p => p.Timestamp >= actual[0].Timestamp), actual);
        Assert.Equal(resolution == Resolution.Day ? expected.Count : history.HourlyCount + history.Query(Start, Forever, Resolution.Raw).Select(p => p.Timestamp.Ticks / TimeSpan.TicksPerHour).Distinct().Count(), actual.Count);
    }

    [Fact]
    public void Points_move_down_the_tiers_by_whole_days()
    {
        var history = HistoryOf(new SampleSeriesBuilder().Sampled(Start, TimeSpan.FromHours(1), 24 * 100).Build());

        var raw = history.Query(Start, Forever, Resolution.Raw);
        Assert.Equal(TimeSpan.Zero, raw[0].Timestamp.TimeOfDay);
        Assert.InRange(history.Latest!.Value.Timestamp - raw[0].Timestamp, TimeSpan.FromDays(7), TimeSpan.FromDays(8));
        Assert.Equal(raw.Count, history.RawCount);
        Assert.InRange(history.HourlyCount, (90 - 8) * 24, 91 * 24);
        Assert.Equal(100 * 24, history.Query(Start, Forever, Resolution.Day).Sum(p => p.Count));
    }

    [Fact]
    public void Serialisation_round_trip_answers_every_query_the_same()
    {
        var original = HistoryOf(new SampleSeriesBuilder().GrowingPerDay(300, noisePerSample: 50).WithJitter(TimeSpan.FromMinutes(5))
            .Sampled(Start, TimeSpan.FromHours(3), 8 * 200).Build());

        var bytes = original.Serialize();
        var restored = FollowerHistory.Deserialize(bytes);

        AssertSameSeries(original, restored);
        Assert.Equal(bytes, restored.Serialize());
        Assert.Equal(original.Latest, restored.Latest);
    }

    [Fact]
    public void A_restored_history_keeps_accepting_points_like_the_original()
    {
        var samples = HourlyMonth();
        var original = HistoryOf(samples.Take(500));
        var restored = FollowerHistory.Deserialize(original.Serialize());

        original.Append(samples.Skip(500));
        restored.Append(samples.Skip(500));

        AssertSameSeries(original, restored);
    }

    [Fact]
    public void Malformed_serialised_data_is_refused()
    {
        var bytes = HistoryOf(HourlyMonth()).Serialize();

        Assert.Throws<FormatException>(() => FollowerHistory.Deserialize(bytes.AsSpan(0, bytes.Length - 3)));
        Assert.Throws<FormatException>(() => FollowerHistory.Deserialize([2, .. bytes.AsSpan(1)]));
        Assert.Throws<FormatException>(() => FollowerHistory.Deserialize([]));
    }

    [Fact]
    public void Latest_at_or_before_reads_whichever_tier_holds_the_time()
    {
        var samples = new SampleSeriesBuilder().Sampled(Start, TimeSpan.FromHours(1), 24 * 120).Build();
        var history = HistoryOf(samples);

        foreach (var daysBack in new[] { 0.5, 3, 20, 100 })
        {
            var time = samples[^1].Timestamp.AddDays(-daysBack).AddMinutes(30);
            var point = history.LatestAtOrBefore(time)!.Value;
            var expected = samples.Last(s => s.Timestamp <= time);
            Assert.True(point.Last <= time);
            Assert.Equal(samples.Single(s => s.Timestamp == point.Last).Followers, point.Followers);
            Assert.True(time - point.Last <= (daysBack > 90 ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1)), $"{daysBack}: {point.Last:O} vs {expected.Timestamp:O}");
        }

        Assert.Null(history.LatestAtOrBefore(Start.AddSeconds(-1)));
    }

    [Fact]
    public void Invalid_options_name_the_setting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FollowerHistory(new FollowerHistoryOptions { OutOfOrderWindow = TimeSpan.FromDays(8) }));
        Assert.Equal(nameof(FollowerHistoryOptions.OutOfOrderWindow), error.ParamName);
    }

    [Fact]
    public void A_query_whose_end_precedes_its_start_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FollowerHistory().Query(Start, Start.AddSeconds(-1), Resolution.Raw));
        Assert.Equal("to", error.ParamName);
    }

    [Fact]
    public void Observations_append_through_their_samples()
    {
        var account = AccountKey.Parse("x:12");
        var history = new FollowerHistory();

        var result = history.Append([new Observation(account, Start, 10, 1, 2, "test", Start)]);

        Assert.Equal(new FollowerSample(Start, 10, 1, 2), Assert.Single(result.Added));
    }
}
