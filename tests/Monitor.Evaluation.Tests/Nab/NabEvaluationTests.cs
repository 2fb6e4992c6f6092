using Monitor.Evaluation.Detection;
using Monitor.Evaluation.Feeding;
using Monitor.Evaluation.Nab;
using Monitor.Evaluation.Tests.Builders;
using Xunit;

namespace Monitor.Evaluation.Tests.Nab;

public sealed class NabEvaluationTests
{
    private const string Labels = """{ "realTest/a.csv": [["2011-08-24 13:00:01.000000", "2011-08-24 14:00:01.000000"]] }""";

    [Fact]
    public void Detector_is_fed_the_running_sum_and_a_repeated_timestamp_is_not_fed_twice()
    {
        const string Data = """
            timestamp,value
            2011-08-24 11:00:01,1
            2011-08-24 12:00:01,2
            2011-08-24 12:00:01,4
            2011-08-24 13:00:01,8
            2011-08-24 14:00:01,16
            """;
        using var folder = new NabFolder().WithDataFile("realTest", "a", Data).WithLabels(Labels).WithProfiles();
        var corpus = NabCorpus.Load(folder.Root);
        var detector = new RecordingDetector(followers => followers / 100.0);
        var variant = new DetectorVariant("recording", "test double", () => detector);

        var scores = new NabEvaluation(corpus, new FeedOptions { BaseFollowers = 0 }).Score(variant, corpus.Files[0]);

        Assert.Equal([1L, 3, 15, 31], detector.Observations.Select(observation => observation.Followers));
        Assert.Equal([0.01, 0.03, 0.03, 0.15, 0.31], scores);
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
}
