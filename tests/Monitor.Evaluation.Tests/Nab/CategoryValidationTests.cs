using Monitor.Evaluation.Nab;
using Monitor.Evaluation.Tests.Builders;
using Xunit;

namespace Monitor.Evaluation.Tests.Nab;

public sealed class CategoryValidationTests
{
    private static readonly IReadOnlyList<string> _candidates = ["tuned", "general"];

    // One file of one window: a detection at the window's first row scoring windowScore, a quiet row, and optionally a
    // false-positive row scoring falsePositiveScore.
    private static NabFileSweep File(string category, double windowScore, double? falsePositiveScore = null)
    {
        List<NabSweepPoint> points = [new(windowScore, NabScorer.MaxTruePositiveSigmoid, 0), new(0.1, -1, -1)];
        if (falsePositiveScore is { } score)
        {
            points.Add(new NabSweepPoint(score, -1, -1));
        }

        return new NabFileSweep($"{category}/file.csv", points, 1);
    }

    private static NabFileSweep QuietFile(string category) => new($"{category}/quiet.csv", [new NabSweepPoint(0.99, -1, -1)], 0);

    // "tuned" is perfect on A and B and useless on C; "general" finds every window but raises one false positive on A.
    private static IReadOnlyList<IReadOnlyList<NabFileSweep>> Sweeps() =>
    [
        [File("A", 0.9), File("B", 0.9), File("C", 0.2, 0.95), QuietFile("D")],
        [File("A", 0.9, 0.95), File("B", 0.9), File("C", 0.9), QuietFile("D")],
    ];

    [Fact]
    public void Each_fold_chooses_on_the_other_categories_and_scores_the_one_left_out_at_that_threshold()
    {
        var report = CategoryValidation.Run(_candidates, Sweeps(), Profiles.Standard);

        Assert.Equal(["A", "B", "C", "D"], report.Folds.Select(fold => fold.Category));
        var c = report.Folds.Single(fold => fold.Category == "C");

        // On A and B "tuned" is perfect and "general" pays for one more false positive, so the fold leaving C out picks "tuned"
        // at threshold 0.9: on C its window (0.2) is missed and its false positive (0.95) fires.
        Assert.Equal("tuned", c.Chosen);
        Assert.Equal(100 * ((2 - 0.11) - -2) / (2 - -2), c.TrainingScore, 6); // D's false positive fires at any threshold

        Assert.Equal(0.9, c.Threshold);
        Assert.Equal(0, c.WindowsFound);
        Assert.Equal(1, c.FalsePositiveRows);
        Assert.Equal(100 * ((-1 - 0.11) - -1) / (1 - -1), c.LeftOutScore!.Value, 6);
    }

    [Fact]
    public void A_category_without_windows_has_no_normalised_score_and_the_mean_leaves_it_out()
    {
        var report = CategoryValidation.Run(_candidates, Sweeps(), Profiles.Standard);

        var d = report.Folds.Single(fold => fold.Category == "D");
        // Its one row scores above any threshold chosen on the others: one false positive, at NAB's full cost.
        Assert.Null(d.LeftOutScore);
        Assert.Equal(1, d.FalsePositiveRows);
        Assert.Equal(-0.11, d.LeftOutRaw, 6);
        var general = report.Candidates.Single(candidate => candidate.Candidate == "general");
        Assert.Null(general.LeftOut["D"]);
        Assert.Equal(new[] { "A", "B", "C" }.Select(category => general.LeftOut[category]!.Value).Average(), general.MeanLeftOut!.Value, 6);
    }

    [Fact]
    public void The_preferred_candidate_is_the_one_that_holds_on_left_out_categories_not_the_best_all_in()
    {
        var report = CategoryValidation.Run(_candidates, Sweeps(), Profiles.Standard);

        var tuned = report.Candidates.Single(candidate => candidate.Candidate == "tuned");
        var general = report.Candidates.Single(candidate => candidate.Candidate == "general");
        Assert.True(general.MeanLeftOut > tuned.MeanLeftOut, $"general {general.MeanLeftOut}, tuned {tuned.MeanLeftOut}");
        Assert.Equal("general", report.Preferred.Candidate);
    }
}
