using Monitor.Evaluation.Detection;
using Monitor.Evaluation.Feeding;

namespace Monitor.Evaluation.Nab;

/// <summary>Feeds every NAB file to a detector as a cumulative counter, writes NAB's results layout, and scores all profiles.</summary>
internal sealed class NabEvaluation(NabCorpus corpus, FeedOptions feed)
{
    private readonly Lazy<IReadOnlyList<NabFileSweep>> _labelsOnly = new(() =>
        corpus.Files.Select(file => NabScorer.Sweep(file, new double[file.Rows.Count])).ToList());

    /// <summary>Runs <paramref name="variant"/> on the corpus; writes results under <paramref name="outRoot"/> when given.</summary>
    public NabDetectorResult Run(DetectorVariant variant, string? outRoot)
    {
        var sweeps = new List<NabFileSweep>(corpus.Files.Count);
        var scored = new List<(NabDataFile File, double[] Scores)>(corpus.Files.Count);
        foreach (var file in corpus.Files)
        {
            var scores = Score(variant, file);
            if (outRoot is not null)
            {
                NabResultsWriter.WriteScores(outRoot, variant.Name, file, scores);
                scored.Add((file, scores));
            }

            sweeps.Add(NabScorer.Sweep(file, scores));
        }

        var byProfile = new Dictionary<string, NabCorpusScore>(StringComparer.Ordinal);
        foreach (var profile in corpus.Profiles.Values)
        {
            var score = NabScorer.ScoreCorpus(sweeps, profile);
            byProfile[profile.Name] = score;
            if (outRoot is not null)
            {
                NabResultsWriter.WriteScoreTable(outRoot, variant.Name, score);
                NabResultsWriter.WriteDetections(outRoot, variant.Name, profile, score.Threshold, scored);
            }
        }

        return new NabDetectorResult(variant.Name, byProfile);
    }

    /// <summary>Every file's sweep (its scorable rows and their scores) under <paramref name="variant"/>, in corpus order.</summary>
    public IReadOnlyList<NabFileSweep> Sweeps(DetectorVariant variant) =>
        corpus.Files.Select(file => NabScorer.Sweep(file, Score(variant, file))).ToList();

    /// <summary>The anomaly score the detector gives each row of <paramref name="file"/>, fed as a cumulative counter (see <see cref="FeedOptions.Reading"/>).</summary>
    public double[] Score(DetectorVariant variant, NabDataFile file)
    {
        var values = file.Rows.Select(row => row.Value).ToList();
        var counter = feed.Reading == NabReading.Gauge
            ? GaugeFeed.Create(file.Rows.Select(row => row.Timestamp).ToList(), values, feed)
            : CumulativeFeed.Create(values, feed);
        var detector = variant.Create();
        var scores = new double[file.Rows.Count];
        var latest = DateTime.MinValue;
        for (var i = 0; i < file.Rows.Count; i++)
        {
            // As in the product, a point at or before the latest one observed (a repeated timestamp, a clock set back) is not
            // fed to the detector: its gain stays in the counter and reaches the detector with the next later row, and the
            // row keeps the score of the row before it.
            if (i > 0 && file.Rows[i].Timestamp <= latest)
            {
                scores[i] = scores[i - 1];
                continue;
            }

            latest = file.Rows[i].Timestamp;
            var timestamp = new DateTimeOffset(latest, TimeSpan.Zero);
            scores[i] = detector.Observe(timestamp, counter.Followers[i]);
        }

        return scores;
    }

    /// <summary>
    /// Recomputes the normalised corpus figures of the published detectors under results/ from their per-file tables,
    /// restricted to this corpus's files: the check that this scorer's null and perfect totals match NAB's.
    /// </summary>
    public IReadOnlyList<PublishedDetectorScore> Published()
    {
        if (!Directory.Exists(corpus.ResultsFolder))
        {
            return [];
        }

        var published = new List<PublishedDetectorScore>();
        foreach (var folder in Directory.GetDirectories(corpus.ResultsFolder).Order(StringComparer.Ordinal))
        {
            var detector = Path.GetFileName(folder);
            var byProfile = new Dictionary<string, double?>(StringComparer.Ordinal);
            foreach (var profile in corpus.Profiles.Values)
            {
                var table = PublishedScoreTable.TryRead(corpus.ResultsFolder, detector, profile.Name);
                byProfile[profile.Name] = table?.Normalised(_labelsOnly.Value, profile);
            }

            published.Add(new PublishedDetectorScore(detector, byProfile));
        }

        return published;
    }
}
