using System.Globalization;
using Monitor.Evaluation.Nab;
using Monitor.Evaluation.Tests.Builders;
using Xunit;

namespace Monitor.Evaluation.Tests.Nab;

public sealed class NabResultsWriterTests
{
    [Fact]
    public void Scores_are_written_in_nab_results_layout_with_labels()
    {
        using var output = new NabFolder();
        var file = new NabFileBuilder().Named("realTweets", "Twitter_volume_AAPL").WithRows(10).WithValues(row => row * 1.5).WithWindow(3, 5).Build();
        var scores = new AnomalyScores(10).At(4, 0.75).Build();

        var path = NabResultsWriter.WriteScores(output.Root, "monitor", file, scores);

        Assert.Equal(Path.Combine(output.Root, "monitor", "realTweets", "monitor_Twitter_volume_AAPL.csv"), path);
        var lines = File.ReadAllLines(path);
        Assert.Equal("timestamp,value,anomaly_score,label", lines[0]);
        Assert.Equal(11, lines.Length);
        Assert.Equal([0, 0, 0, 1, 1, 1, 0, 0, 0, 0], lines.Skip(1).Select(line => int.Parse(line.Split(',')[3], CultureInfo.InvariantCulture)));
        Assert.Equal($"{NabTimestamp.Format(NabFileBuilder.TimeOf(4))},6,0.75,1", lines[5]);
    }

    [Fact]
    public void Written_scores_read_back_to_the_same_nab_score()
    {
        using var output = new NabFolder();
        var file = new NabFileBuilder().Named("realTest", "series").WithWindow(500, 599).Build();
        var scores = new AnomalyScores(1000).At(530, 0.8).At(800, 0.9).Build();

        var path = NabResultsWriter.WriteScores(output.Root, "monitor", file, scores);
        var readBack = File.ReadAllLines(path).Skip(1).Select(line => double.Parse(line.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal(
            NabScorer.ScoreFile(NabScorer.Sweep(file, scores), Profiles.Standard, 0.8).Score,
            NabScorer.ScoreFile(NabScorer.Sweep(file, readBack), Profiles.Standard, 0.8).Score);
    }

    [Fact]
    public void Score_table_lists_every_file_and_the_total()
    {
        using var output = new NabFolder();
        var file = new NabFileBuilder().Named("realTest", "series").WithWindow(500, 599).Build();
        var corpus = NabScorer.ScoreCorpus([NabScorer.Sweep(file, new AnomalyScores(1000).At(500, 1).Build())], Profiles.Standard);

        var path = NabResultsWriter.WriteScoreTable(output.Root, "monitor", corpus);

        Assert.Equal(Path.Combine(output.Root, "monitor", "monitor_standard_scores.csv"), path);
        var lines = File.ReadAllLines(path);
        Assert.StartsWith("Detector,Profile,File,Threshold,Score", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("monitor,standard,realTest/series.csv,1,1,1,0,0", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("Totals,standard,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Detections_are_written_per_window_and_per_false_positive_row()
    {
        using var output = new NabFolder();
        var file = new NabFileBuilder().Named("realTest", "series").WithWindow(500, 599).WithWindow(800, 849).Build();
        var scores = new AnomalyScores(1000).At(300, 0.7).At(550, 0.9).At(610, 0.6).Build();

        var (windows, falsePositives) = NabResultsWriter.WriteDetections(output.Root, "monitor", Profiles.Standard, 0.5, [(file, scores)]);

        Assert.Equal(Path.Combine(output.Root, "monitor", "monitor_standard_windows.csv"), windows);
        Assert.Equal(
            [
                "File,Start,End,Rows,ScorableRows,Detected,FirstDetection,FirstDetectionPosition,MaxScore,MaxScorePosition",
                $"realTest/series.csv,{NabTimestamp.Format(NabFileBuilder.TimeOf(500))},{NabTimestamp.Format(NabFileBuilder.TimeOf(599))},100,100,1,{NabTimestamp.Format(NabFileBuilder.TimeOf(550))},0.5,0.9,0.5",
                $"realTest/series.csv,{NabTimestamp.Format(NabFileBuilder.TimeOf(800))},{NabTimestamp.Format(NabFileBuilder.TimeOf(849))},50,50,0,,,0,0",
            ],
            File.ReadAllLines(windows));
        var rows = File.ReadAllLines(falsePositives);
        Assert.Equal("File,Timestamp,Value,AnomalyScore,WidthsAfterWindow,Cost", rows[0]);
        Assert.Equal([NabTimestamp.Format(NabFileBuilder.TimeOf(300)), NabTimestamp.Format(NabFileBuilder.TimeOf(610))], rows.Skip(1).Select(row => row.Split(',')[1]));
        Assert.Equal("", rows[1].Split(',')[4]);
        Assert.Equal("0.111", rows[2].Split(',')[4]);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("two words")]
    [InlineData("")]
    public void Detector_name_must_be_a_plain_folder_name(string detector)
    {
        var file = new NabFileBuilder().WithRows(10).Build();

        var exception = Assert.Throws<ArgumentException>(() => NabResultsWriter.WriteScores(Path.GetTempPath(), detector, file, new double[10]));

        Assert.Contains($"'{detector}'", exception.Message, StringComparison.Ordinal);
    }
}
