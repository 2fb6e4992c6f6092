using Monitor.Evaluation.Detection;
using Xunit;

namespace Monitor.Evaluation.Tests.Detection;

public sealed class TrailingRateScorerTests
{
    private static readonly DateTimeOffset _start = new(2020, 7, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Jump_far_above_the_trailing_rates_scores_high_and_ordinary_noise_scores_low()
    {
        var scorer = new TrailingRateScorer(new TrailingRateOptions { SuppressionPoints = 0 });
        var scores = Feed(scorer, Enumerable.Range(0, 100).Select(hour => 100L + (hour % 3)).Append(2_000));

        Assert.True(scores[^1] > 0.9, $"jump scored {scores[^1]}");
        Assert.All(scores.Skip(20).SkipLast(1), score => Assert.True(score < 0.3, $"noise scored {score}"));
    }

    [Fact]
    public void Loss_scores_as_high_as_an_equal_gain()
    {
        var gains = Enumerable.Range(0, 100).Select(hour => 100L + (hour % 3)).ToList();

        var up = Feed(new TrailingRateScorer(new TrailingRateOptions { SuppressionPoints = 0 }), gains.Append(101 + 900))[^1];
        var down = Feed(new TrailingRateScorer(new TrailingRateOptions { SuppressionPoints = 0 }), gains.Append(101 - 900))[^1];

        Assert.Equal(up, down, 9);
    }

    [Fact]
    public void Only_the_first_point_of_a_run_of_high_rates_scores_when_suppression_is_on()
    {
        var scorer = new TrailingRateScorer(new TrailingRateOptions { SuppressionPoints = 50 });
        var scores = Feed(scorer, Enumerable.Range(0, 100).Select(hour => 100L + (hour % 3)).Concat(Enumerable.Repeat(2_000L, 5)));

        Assert.True(scores[100] > 0.9, $"first high rate scored {scores[100]}");
        Assert.Equal([0.0, 0.0, 0.0, 0.0], scores.Skip(101));
    }

    [Fact]
    public void Observation_out_of_time_order_is_rejected_with_its_timestamp()
    {
        var scorer = new TrailingRateScorer(new TrailingRateOptions());
        scorer.Observe(_start, 10);

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => scorer.Observe(_start.AddHours(-1), 11));

        Assert.Equal(_start.AddHours(-1), exception.ActualValue);
    }

    // Feeds per-hour gains as a cumulative counter and returns the score of each gain.
    private static double[] Feed(TrailingRateScorer scorer, IEnumerable<long> gains)
    {
        var followers = 10_000L;
        scorer.Observe(_start, followers);
        return gains.Select((gain, hour) => scorer.Observe(_start.AddHours(hour + 1), followers += gain)).ToArray();
    }
}
