using Monitor.Evaluation.Nab;
using Monitor.Evaluation.Tests.Builders;
using Xunit;

namespace Monitor.Evaluation.Tests.Nab;

public sealed class NabCorpusTests
{
    private const string Tweets = """
        timestamp,value
        2015-02-26 21:42:53,104
        2015-02-26 21:47:53,100
        2015-02-26 21:52:53,99.5
        2015-02-26 21:57:53,-3
        """;

    private const string TweetLabels = """
        {
            "realTweets/Twitter_volume_AAPL.csv": [
                ["2015-02-26 21:47:53.000000", "2015-02-26 21:52:53.000000"]
            ],
            "realTweets/Twitter_volume_NOT_IN_THIS_SUBSET.csv": []
        }
        """;

    [Fact]
    public void Corpus_reads_rows_windows_and_profiles_from_the_nab_layout()
    {
        using var folder = new NabFolder().WithDataFile("realTweets", "Twitter_volume_AAPL", Tweets).WithLabels(TweetLabels).WithProfiles();

        var corpus = NabCorpus.Load(folder.Root);

        var file = Assert.Single(corpus.Files);
        Assert.Equal("realTweets/Twitter_volume_AAPL.csv", file.RelativePath);
        Assert.Equal([104, 100, 99.5, -3], file.Rows.Select(row => row.Value));
        Assert.Equal(new DateTime(2015, 2, 26, 21, 42, 53, DateTimeKind.Utc), file.Rows[0].Timestamp);
        var window = Assert.Single(file.Windows);
        Assert.Equal(file.Rows[1].Timestamp, window.Start);
        Assert.Equal(file.Rows[2].Timestamp, window.End);
        Assert.Equal([0, 1, 1, 0], Enumerable.Range(0, 4).Select(file.LabelAt));
        Assert.Equal(0.22, corpus.Profile(NabProfile.RewardLowFalsePositives).FalsePositiveWeight);
        Assert.Equal(2.0, corpus.Profile(NabProfile.RewardLowFalseNegatives).FalseNegativeWeight);
    }

    [Fact]
    public void Missing_folder_is_reported_with_its_path_and_the_option_to_fix_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"monitor-no-nab-{Guid.NewGuid():N}");

        var exception = Assert.Throws<NabLayoutException>(() => NabCorpus.Load(missing));

        Assert.Contains(missing, exception.Message, StringComparison.Ordinal);
        Assert.Contains("--nab", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_without_labels_is_not_taken_for_nab()
    {
        using var folder = new NabFolder().WithDataFile("realTweets", "Twitter_volume_AAPL", Tweets).WithProfiles();

        var exception = Assert.Throws<NabLayoutException>(() => NabCorpus.Load(folder.Root));

        Assert.Contains("combined_windows.json", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_file_without_a_labels_entry_is_rejected_by_name()
    {
        using var folder = new NabFolder()
            .WithDataFile("realTweets", "Twitter_volume_AAPL", Tweets)
            .WithDataFile("realTweets", "Twitter_volume_UNLABELLED", Tweets)
            .WithLabels(TweetLabels)
            .WithProfiles();

        var exception = Assert.Throws<NabLayoutException>(() => NabCorpus.Load(folder.Root));

        Assert.Contains("realTweets/Twitter_volume_UNLABELLED.csv", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_that_is_not_a_number_is_reported_with_its_line_and_text()
    {
        const string Broken = "timestamp,value\n2015-02-26 21:42:53,104\n2015-02-26 21:47:53,lots\n";

        var exception = Assert.Throws<FormatException>(() => NabDataReader.Read(new StringReader(Broken), "broken.csv"));

        Assert.Contains("broken.csv line 3", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'lots'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamp_that_is_not_nab_form_is_reported_with_its_text()
    {
        const string Broken = "timestamp,value\n26/02/2015 21:42,104\n";

        var exception = Assert.Throws<FormatException>(() => NabDataReader.Read(new StringReader(Broken), "broken.csv"));

        Assert.Contains("'26/02/2015 21:42'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_and_backwards_timestamps_are_kept_in_file_order()
    {
        const string Rows = "timestamp,value\n2011-08-24 12:00:01,1\n2011-08-24 12:00:01,2\n2011-08-24 11:00:01,3\n2011-08-24 13:00:01,4\n";

        var rows = NabDataReader.Read(new StringReader(Rows), "clock-set-back.csv");

        Assert.Equal([1.0, 2, 3, 4], rows.Select(row => row.Value));
        Assert.Equal([12, 12, 11, 13], rows.Select(row => row.Timestamp.Hour));
    }

    [Fact]
    public void Wrong_header_is_rejected()
    {
        var exception = Assert.Throws<FormatException>(() => NabDataReader.Read(new StringReader("time,count\n"), "other.csv"));

        Assert.Contains("'time,count'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Window_that_ends_before_it_starts_is_rejected()
    {
        const string Reversed = """{ "a/b.csv": [["2015-02-27 00:00:00.000000", "2015-02-26 00:00:00.000000"]] }""";

        var exception = Assert.Throws<FormatException>(() => NabLabelReader.Read(Reversed, "labels.json"));

        Assert.Contains("a/b.csv", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_without_a_false_positive_weight_is_rejected_by_name()
    {
        const string Incomplete = """{ "standard": { "CostMatrix": { "tpWeight": 1.0, "fnWeight": 1.0 } } }""";

        var exception = Assert.Throws<FormatException>(() => NabProfileReader.Read(Incomplete, "profiles.json"));

        Assert.Contains("fpWeight", exception.Message, StringComparison.Ordinal);
        Assert.Contains("standard", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Published_table_is_summed_over_the_corpus_files_and_normalised()
    {
        // Two files with one window each: null -2, perfect +2. Published scores 1 and -0.5 sum to 0.5: 100 x 2.5 / 4.
        const string Table = """
            Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,Total_Count
            someDetector,standard,realTest/a.csv,0.5,1.0,1,0,0,0,1000
            someDetector,standard,realTest/b.csv,0.5,-0.5,1,0,0,0,1000
            someDetector,standard,realOther/not_in_corpus.csv,0.5,-7.0,1,0,0,0,1000
            Totals,,,,-6.5,3,0,0,0,3000
            """;
        var files = new[] { "a", "b" }
            .Select(name => NabScorer.Sweep(new NabFileBuilder().Named("realTest", name).WithWindow(500, 599).Build(), new double[1000]))
            .ToList();

        var table = PublishedScoreTable.Read(new StringReader(Table), "someDetector", NabProfile.Standard, "table.csv");
        var incomplete = table with { ScoreByFile = table.ScoreByFile.Where(pair => pair.Key != "realTest/b.csv").ToDictionary() };

        Assert.Equal(62.5, table.Normalised(files, Profiles.Standard)!.Value, 9);
        Assert.Null(incomplete.Normalised(files, Profiles.Standard));
    }
}
