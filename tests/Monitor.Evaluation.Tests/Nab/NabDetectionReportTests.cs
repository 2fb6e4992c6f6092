using Monitor.Evaluation.Nab;
using Monitor.Evaluation.Tests.Builders;
using Xunit;

namespace Monitor.Evaluation.Tests.Nab;

public sealed class NabDetectionReportTests
{
    // 1,000 rows: the first 150 are probation. Window A is rows 500-599, window B rows 650-699.
    private static readonly NabDataFile _file = new NabFileBuilder().WithWindow(500, 599).WithWindow(650, 699).Build();

    private static readonly double[] _scores = new AnomalyScores(1000)
        .At(100, 0.9) // in probation: not a false positive
        .At(300, 0.6) // before the first window
        .At(520, 0.6).At(550, 0.9) // window A: detected at a fifth of its rows, its highest score halfway
        .At(660, 0.3) // window B: below the threshold
        .At(720, 0.7) // just after window B
        .Build();

    [Fact]
    public void Each_window_gives_its_first_detection_and_its_highest_score_with_their_positions()
    {
        var windows = NabDetectionReport.Windows(_file, _scores, 0.5);

        Assert.Equal(2, windows.Count);
        var a = windows[0];
        Assert.True(a.Detected);
        Assert.Equal(NabFileBuilder.TimeOf(500), a.Start);
        Assert.Equal(NabFileBuilder.TimeOf(599), a.End);
        Assert.Equal(100, a.Rows);
        Assert.Equal(NabFileBuilder.TimeOf(520), a.FirstDetection);
        Assert.Equal(0.2, a.FirstDetectionPosition!.Value, 9);
        Assert.Equal(0.9, a.MaxScore);
        Assert.Equal(0.5, a.MaxScorePosition!.Value, 9);
        var b = windows[1];
        Assert.False(b.Detected);
        Assert.Null(b.FirstDetectionPosition);
        Assert.Equal(0.3, b.MaxScore);
        Assert.Equal(0.2, b.MaxScorePosition!.Value, 9);
    }

    [Fact]
    public void Rows_in_probation_are_neither_detections_nor_false_positives()
    {
        var file = new NabFileBuilder().WithWindow(100, 199).Build();
        var scores = new AnomalyScores(1000).At(120, 0.9).At(160, 0.8).At(50, 0.9).Build();

        var window = Assert.Single(NabDetectionReport.Windows(file, scores, 0.5));

        Assert.Equal(50, window.ScorableRows);
        Assert.Equal(NabFileBuilder.TimeOf(160), window.FirstDetection);
        Assert.Equal(0.6, window.FirstDetectionPosition!.Value, 9);
        Assert.Equal(0.8, window.MaxScore);
        Assert.Empty(NabDetectionReport.FalsePositives(file, scores, 0.5, Profiles.Standard));
    }

    [Fact]
    public void False_positives_are_the_scored_rows_outside_windows_with_what_nab_charges_for_each()
    {
        var falsePositives = NabDetectionReport.FalsePositives(_file, _scores, 0.5, Profiles.Standard);

        Assert.Equal([NabFileBuilder.TimeOf(300), NabFileBuilder.TimeOf(720)], falsePositives.Select(row => row.Timestamp));
        Assert.Null(falsePositives[0].WidthsAfterWindow);
        Assert.Equal(-0.11, falsePositives[0].Cost, 9);
        Assert.Equal(21 / 49.0, falsePositives[1].WidthsAfterWindow!.Value, 9);
        Assert.Equal(0.11 * NabScorer.ScaledSigmoid(21 / 49.0), falsePositives[1].Cost, 9);
        Assert.Equal(0.7, falsePositives[1].AnomalyScore);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void Windows_and_false_positives_add_up_to_the_file_score(double threshold)
    {
        var windows = NabDetectionReport.Windows(_file, _scores, threshold);
        var falsePositives = NabDetectionReport.FalsePositives(_file, _scores, threshold, Profiles.Standard);

        // A detection at position p of a window is NAB's sigmoid at p - 1, relative to the sigmoid at the window's first row.
        var windowScore = windows.Sum(window => window.FirstDetectionPosition is { } p
            ? NabScorer.ScaledSigmoid(p - 1) / NabScorer.MaxTruePositiveSigmoid
            : -Profiles.Standard.FalseNegativeWeight);

        Assert.Equal(
            NabScorer.ScoreFile(NabScorer.Sweep(_file, _scores), Profiles.Standard, threshold).Score,
            windowScore + falsePositives.Sum(row => row.Cost),
            9);
    }
}
