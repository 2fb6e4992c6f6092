using Monitor.Evaluation.Nab;
using Monitor.Evaluation.Tests.Builders;
using Xunit;

namespace Monitor.Evaluation.Tests.Nab;

public sealed class NabScorerTests
{
    private const double Precision = 1e-9;

    // A 1,000-row file (probation: the first 150 rows) with one 100-row window, rows 500-599.
    private static readonly NabDataFile _file = new NabFileBuilder().WithRows(1000).WithWindow(500, 599).Build();

    [Fact]
    public void Detection_at_the_first_row_of_a_window_earns_the_full_true_positive_weight()
    {
        var score = ScoreAtHalf(new AnomalyScores(1000).At(500, 1).Build(), Profiles.Standard);

        Assert.Equal(1.0, score.Score, Precision);
        Assert.Equal(1, score.DetectedWindows);
        Assert.Equal(0, score.FalsePositiveRows);
    }

    [Fact]
    public void Detection_halfway_through_a_window_earns_the_published_sigmoid_value()
    {
        // NAB documents S(-0.5) = 0.84828 and S(-1) = 0.98661; a detection is worth S(position) / S(-1) x A_TP.
        var score = ScoreAtHalf(new AnomalyScores(1000).At(550, 1).Build(), Profiles.Standard);

        Assert.Equal(0.84828 / 0.98661, score.Score, 4);
    }

    [Fact]
    public void Missed_window_costs_the_false_negative_weight_of_the_profile()
    {
        var nothing = new AnomalyScores(1000).Build();

        Assert.Equal(-1.0, ScoreAtHalf(nothing, Profiles.Standard).Score, Precision);
        Assert.Equal(-2.0, ScoreAtHalf(nothing, Profiles.LowFalseNegatives).Score, Precision);
        Assert.Equal(1, ScoreAtHalf(nothing, Profiles.Standard).MissedWindows);
    }

    [Fact]
    public void False_positive_far_after_a_window_costs_the_full_false_positive_weight()
    {
        // Row 900 is (900 - 599) / 99 = 3.04 window widths past the window: the sigmoid is clamped to -1.
        var scores = new AnomalyScores(1000).At(500, 1).At(900, 1).Build();

        Assert.Equal(1.0 - 0.11, ScoreAtHalf(scores, Profiles.Standard).Score, Precision);
        Assert.Equal(1.0 - 0.22, ScoreAtHalf(scores, Profiles.LowFalsePositives).Score, Precision);
    }

    [Fact]
    public void False_positive_before_any_window_costs_the_full_false_positive_weight()
    {
        var scores = new AnomalyScores(1000).At(200, 1).At(500, 1).Build();

        Assert.Equal(1.0 - 0.11, ScoreAtHalf(scores, Profiles.Standard).Score, Precision);
    }

    [Fact]
    public void False_positive_just_after_a_window_costs_almost_nothing()
    {
        var scores = new AnomalyScores(1000).At(500, 1).At(600, 1).Build();
        var expectedCost = 0.11 * ((2 / (1 + Math.Exp(5.0 / 99))) - 1);

        var score = ScoreAtHalf(scores, Profiles.Standard);

        Assert.Equal(1.0 + expectedCost, score.Score, Precision);
        Assert.InRange(expectedCost, -0.01, -0.001);
        Assert.Equal(1, score.FalsePositiveRows);
    }

    [Fact]
    public void Only_the_earliest_detection_in_a_window_counts()
    {
        var early = ScoreAtHalf(new AnomalyScores(1000).At(520, 1).Build(), Profiles.Standard).Score;
        var late = ScoreAtHalf(new AnomalyScores(1000).At(590, 1).Build(), Profiles.Standard).Score;
        var both = ScoreAtHalf(new AnomalyScores(1000).At(520, 1).At(590, 1).Over(560, 570, 1).Build(), Profiles.Standard).Score;

        Assert.Equal(early, both, Precision);
        Assert.True(late < early, $"late {late} should be worth less than early {early}");
    }

    [Fact]
    public void Rows_in_probation_are_not_scored()
    {
        var noWindows = new NabFileBuilder().WithRows(1000).Build();

        var inProbation = NabScorer.ScoreFile(NabScorer.Sweep(noWindows, new AnomalyScores(1000).Over(0, 149, 1).Build()), Profiles.Standard, 0.5);
        var afterProbation = NabScorer.ScoreFile(NabScorer.Sweep(noWindows, new AnomalyScores(1000).At(150, 1).Build()), Profiles.Standard, 0.5);

        Assert.Equal(0.0, inProbation.Score, Precision);
        Assert.Equal(0, inProbation.FalsePositiveRows);
        Assert.Equal(-0.11, afterProbation.Score, Precision);
    }

    [Theory]
    [InlineData(1000, 150)]
    [InlineData(4032, 604)]
    [InlineData(15903, 750)]
    public void Probation_is_fifteen_percent_of_the_rows_capped_at_750(int rows, int probation) =>
        Assert.Equal(probation, NabScorer.ProbationLength(rows));

    [Fact]
    public void Window_inside_probation_is_neither_rewarded_nor_penalised()
    {
        var file = new NabFileBuilder().WithRows(1000).WithWindow(10, 20).Build();

        var sweep = NabScorer.Sweep(file, new AnomalyScores(1000).Build());

        Assert.Equal(0, sweep.ScorableWindows);
        Assert.Equal(0.0, NabScorer.ScoreFile(sweep, Profiles.Standard, 0.5).Score, Precision);
    }

    [Fact]
    public void Detection_scored_exactly_at_the_threshold_counts()
    {
        var sweep = NabScorer.Sweep(_file, new AnomalyScores(1000).At(500, 0.7).Build());

        Assert.Equal(1, NabScorer.ScoreFile(sweep, Profiles.Standard, 0.7).DetectedWindows);
        Assert.Equal(0, NabScorer.ScoreFile(sweep, Profiles.Standard, 0.7000001).DetectedWindows);
    }

    [Fact]
    public void Corpus_threshold_is_the_one_with_the_highest_total()
    {
        // At 0.9 file a's window is found and nothing else fires: 1 - 1 = 0. At 0.7 twenty far false positives
        // in file b cost 2.2; at 0.6 file b's window is found too, but the total is still -0.2.
        var a = new NabFileBuilder().Named("realTest", "a").WithWindow(500, 599).Build();
        var b = new NabFileBuilder().Named("realTest", "b").WithWindow(500, 599).Build();
        var sweeps = new[]
        {
            NabScorer.Sweep(a, new AnomalyScores(1000).At(500, 0.9).Build()),
            NabScorer.Sweep(b, new AnomalyScores(1000).At(500, 0.6).Over(200, 219, 0.7).Build()),
        };

        var corpus = NabScorer.ScoreCorpus(sweeps, Profiles.Standard);

        Assert.Equal(0.9, corpus.Threshold);
        Assert.Equal(0.0, corpus.RawScore, Precision);
        Assert.Equal(-2.0, corpus.NullScore, Precision);
        Assert.Equal(2.0, corpus.PerfectScore, Precision);
        Assert.Equal(50.0, corpus.NormalisedScore, Precision);
    }

    [Fact]
    public void Detector_that_never_fires_normalises_to_zero_and_one_that_fires_at_window_starts_to_one_hundred()
    {
        var file = new NabFileBuilder().WithRows(2000).WithWindow(400, 499).WithWindow(1500, 1599).Build();

        var silent = NabScorer.ScoreCorpus([NabScorer.Sweep(file, new AnomalyScores(2000).Build())], Profiles.Standard);
        var perfect = NabScorer.ScoreCorpus([NabScorer.Sweep(file, new AnomalyScores(2000).At(400, 1).At(1500, 1).Build())], Profiles.LowFalseNegatives);

        Assert.Equal(0.0, silent.NormalisedScore, Precision);
        Assert.True(double.IsPositiveInfinity(silent.Threshold), $"threshold {silent.Threshold}");
        Assert.Equal(100.0, perfect.NormalisedScore, Precision);
    }

    [Fact]
    public void Scores_must_match_the_rows_one_for_one()
    {
        var exception = Assert.Throws<ArgumentException>(() => NabScorer.Sweep(_file, new double[999]));

        Assert.Contains("999", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_score_is_rejected_with_its_row()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => NabScorer.Sweep(_file, new AnomalyScores(1000).At(321, double.NaN).Build()));

        Assert.Contains("row 321", exception.Message, StringComparison.Ordinal);
    }

    private static NabFileScore ScoreAtHalf(double[] scores, NabProfile profile) =>
        NabScorer.ScoreFile(NabScorer.Sweep(_file, scores), profile, 0.5);
}
