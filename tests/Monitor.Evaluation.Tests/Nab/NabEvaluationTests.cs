using System.Globalization;
using Monitor.Evaluation.Detection;
using Monitor.Evaluation.Feeding;
using Monitor.Evaluation.Nab;
using Monitor.Evaluation.Tests.Builders;
using Xunit;

namespace Monitor.Evaluation.Tests.Nab;

public sealed class NabEvaluationTests
{
    private const string Labels = """{ "realTest/a.csv": [["2011-08-24 13:00:01.000000", "2011-08-24 14:00:01.000000"]] }""";

    [Theory]
    // Gains: the detector is fed the running sum, and a repeated timestamp is not fed twice.
    [InlineData(true, "14:00:01", new[] { 1L, 3, 15, 31 }, new[] { 0.01, 0.03, 0.03, 0.15, 0.31 })]
    // Gauge, the default: each reading over the time since the latest row; the repeated timestamp covers no time and the
    // two-hour gap counts its reading twice.
    [InlineData(false, "15:00:01", new[] { 1L, 3, 11, 43 }, new[] { 0.01, 0.03, 0.03, 0.11, 0.43 })]
    public void Hourly_readings_with_a_repeated_timestamp_are_fed_as_the_reading_says(bool gains, string lastRow, long[] expectedFollowers, double[] expectedScores)
    {
        var data = $"""
            timestamp,value
            2011-08-24 11:00:01,1
            2011-08-24 12:00:01,2
            2011-08-24 12:00:01,4
            2011-08-24 13:00:01,8
            2011-08-24 {lastRow},16
            """;
        var feed = new FeedOptions { BaseFollowers = 0 };
        if (gains)
        {
            feed.Reading = NabReading.Gains;
        }

        var (followers, scores) = Fed(data, feed);

        Assert.Equal(expectedFollowers, followers);
        Assert.Equal(expectedScores, scores);
    }

    [Fact]
    public void File_whose_clock_goes_back_and_repeats_is_fed_in_time_order_and_every_row_is_scored()
    {
        // Rows 0-2, then the clock is set back an hour (rows 3-5 repeat 01:00-02:00, row 5 exactly), then it runs on.
        const string Data = """
            timestamp,value
            2014-01-07 00:00:00,1
            2014-01-07 01:00:00,2
            2014-01-07 02:00:00,4
            2014-01-07 01:00:00,8
            2014-01-07 01:30:00,16
            2014-01-07 02:00:00,32
            2014-01-07 03:00:00,64
            2014-01-07 04:00:00,128
            """;
        const string ClockLabels = """{ "realTest/a.csv": [["2014-01-07 01:30:00.000000", "2014-01-07 03:00:00.000000"]] }""";
        using var folder = new NabFolder().WithDataFile("realTest", "a", Data).WithLabels(ClockLabels).WithProfiles();
        var corpus = NabCorpus.Load(folder.Root);
        var detector = new RecordingDetector(followers => followers / 1000.0);
        var variant = new DetectorVariant("recording", "test double", () => detector);
        var evaluation = new NabEvaluation(corpus, new FeedOptions { BaseFollowers = 0, Reading = NabReading.Gains });

        var scores = evaluation.Score(variant, corpus.Files[0]);
        var result = evaluation.Run(new DetectorVariant("recording", "test double", () => new RecordingDetector(followers => followers / 1000.0)), null);

        Assert.Equal(["00:00", "01:00", "02:00", "03:00", "04:00"], detector.Observations.Select(observation => observation.Time.ToString("HH:mm", CultureInfo.InvariantCulture)));
        Assert.Equal([1L, 3, 7, 127, 255], detector.Observations.Select(observation => observation.Followers));
        Assert.Equal([0.001, 0.003, 0.007, 0.007, 0.007, 0.007, 0.127, 0.255], scores);
        // Rows 2-6 lie in the window (02:00 is inside it, and so are the repeated 01:30 and 02:00): the window is scored.
        Assert.Equal([0, 0, 1, 0, 1, 1, 1, 0], Enumerable.Range(0, 8).Select(corpus.Files[0].LabelAt));
        Assert.Equal(1, result.ByProfile[NabProfile.Standard].Files.Sum(file => file.DetectedWindows + file.MissedWindows));
    }

    [Fact]
    public void Run_writes_every_file_and_a_score_table_per_profile()
    {
        var data = "timestamp,value\n" + string.Join('\n', Enumerable.Range(0, 40).Select(hour => $"2011-08-24 {hour / 4:00}:{hour % 4 * 15:00}:01,{hour}"));
        const string TwoFileLabels = """
            { "realTest/a.csv": [["2011-08-24 08:00:01.000000", "2011-08-24 08:45:01.000000"]], "realTest/b.csv": [] }
            """;
        using var folder = new NabFolder().WithDataFile("realTest", "a", data).WithDataFile("realTest", "b", data).WithLabels(TwoFileLabels).WithProfiles();
        using var output = new NabFolder();
        var corpus = NabCorpus.Load(folder.Root);
        var variant = new DetectorVariant("recording", "test double", () => new RecordingDetector());

        var result = new NabEvaluation(corpus, new FeedOptions()).Run(variant, output.Root);

        Assert.True(File.Exists(Path.Combine(output.Root, "recording", "realTest", "recording_a.csv")));
        Assert.True(File.Exists(Path.Combine(output.Root, "recording", "realTest", "recording_b.csv")));
        Assert.Equal(
            NabProfile.PublishedOrder.Order(),
            Directory.GetFiles(Path.Combine(output.Root, "recording"), "*_scores.csv").Select(path => Path.GetFileNameWithoutExtension(path)["recording_".Length..^"_scores".Length]).Order());
        Assert.Equal(0.0, result.ByProfile[NabProfile.Standard].NormalisedScore);
    }

    // Feeds one file under Labels to a detector whose score is followers / 100: the counts it was fed and every row's score.
    private static (long[] Followers, double[] Scores) Fed(string data, FeedOptions feed)
    {
        using var folder = new NabFolder().WithDataFile("realTest", "a", data).WithLabels(Labels).WithProfiles();
        var corpus = NabCorpus.Load(folder.Root);
        var detector = new RecordingDetector(followers => followers / 100.0);
        var variant = new DetectorVariant("recording", "test double", () => detector);
        var scores = new NabEvaluation(corpus, feed).Score(variant, corpus.Files[0]);
        return (detector.Observations.Select(observation => observation.Followers).ToArray(), scores);
    }
}
