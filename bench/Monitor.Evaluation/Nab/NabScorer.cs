namespace Monitor.Evaluation.Nab;

/// <summary>
/// NAB's scoring rules, written from the benchmark's published description: probation, the scaled sigmoid of a
/// detection's position, the earliest detection per window, and the corpus-wide threshold sweep.
/// </summary>
internal static class NabScorer
{
    /// <summary>The share of each file's first rows that is not scored (capped at <see cref="ProbationCap"/> rows).</summary>
    public const double ProbationFraction = 0.15;

    /// <summary>The most rows a probation period can have (15% of 5,000).</summary>
    public const double ProbationCap = ProbationFraction * 5000;

    /// <summary>The sigmoid at a window's first row; a detection there is worth exactly the profile's A_TP.</summary>
    public static readonly double MaxTruePositiveSigmoid = ScaledSigmoid(-1.0);

    /// <summary>
    /// NAB's scaled sigmoid: 2 / (1 + e^(5x)) - 1 for x &lt; 3, else -1. x is -1 at a window's first row, near 0 at its last,
    /// and for a row after a window its distance past the window's end in window widths.
    /// </summary>
    public static double ScaledSigmoid(double relativePosition) =>
        relativePosition >= 3.0 ? -1.0 : (2.0 / (1.0 + Math.Exp(5.0 * relativePosition))) - 1.0;

    /// <summary>How many leading rows of a file with <paramref name="rows"/> rows are probation.</summary>
    public static int ProbationLength(int rows) => (int)Math.Min(Math.Floor(ProbationFraction * rows), ProbationCap);

    /// <summary>100 x (raw - null) / (perfect - null).</summary>
    public static double Normalise(double raw, double nullScore, double perfect) =>
        perfect == nullScore ? 0 : 100.0 * (raw - nullScore) / (perfect - nullScore);

    /// <summary>Places every row of <paramref name="file"/> after probation, with its anomaly score, inside or after the windows.</summary>
    public static NabFileSweep Sweep(NabDataFile file, IReadOnlyList<double> anomalyScores)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(anomalyScores);
        if (anomalyScores.Count != file.Rows.Count)
        {
            throw new ArgumentException(
                $"{file.RelativePath}: {anomalyScores.Count} anomaly scores for {file.Rows.Count} rows.", nameof(anomalyScores));
        }

        var ranges = WindowRows(file);
        var probation = ProbationLength(file.Rows.Count);
        var points = new List<NabSweepPoint>(file.Rows.Count - probation);
        var scorableWindows = new Dictionary<int, int>();
        var next = 0;
        (int Right, int Width)? previous = null;
        for (var i = 0; i < file.Rows.Count; i++)
        {
            var score = anomalyScores[i];
            if (!double.IsFinite(score))
            {
                throw new ArgumentOutOfRangeException(nameof(anomalyScores), score, $"{file.RelativePath} row {i}: the anomaly score is not finite.");
            }

            while (next < ranges.Count && ranges[next].Right < i)
            {
                previous = (ranges[next].Right, ranges[next].Right - ranges[next].Left + 1);
                next++;
            }

            var inside = next < ranges.Count && ranges[next].Left <= i;
            double position;
            if (inside)
            {
                var width = ranges[next].Right - ranges[next].Left + 1;
                position = -(ranges[next].Right - i + 1) / (double)width;
            }
            else if (previous is { } window && window.Width > 1)
            {
                position = Math.Abs(window.Right - i) / (double)(window.Width - 1);
            }
            else
            {
                position = 3.0;
            }

            if (i < probation)
            {
                continue;
            }

            var windowIndex = -1;
            if (inside)
            {
                // Windows are renumbered over those with scorable rows, so that NabFileSweep.ScorableWindows counts them.
                if (!scorableWindows.TryGetValue(next, out windowIndex))
                {
                    windowIndex = scorableWindows.Count;
                    scorableWindows[next] = windowIndex;
                }
            }

            points.Add(new NabSweepPoint(score, ScaledSigmoid(position), windowIndex));
        }

        return new NabFileSweep(file.RelativePath, points, scorableWindows.Count);
    }

    /// <summary>
    /// Sweeps every distinct anomaly score of the corpus as a threshold (a row is a detection when its score is at or
    /// above it), keeps the one with the highest raw total, and scores each file there.
    /// </summary>
    public static NabCorpusScore ScoreCorpus(IReadOnlyList<NabFileSweep> files, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(profile);
        return ScoreCorpusAt(files, profile, BestThreshold(files, profile));
    }

    /// <summary>Scores every file at a threshold chosen elsewhere (on other files, in leave-one-category-out validation).</summary>
    public static NabCorpusScore ScoreCorpusAt(IReadOnlyList<NabFileSweep> files, NabProfile profile, double threshold)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(profile);
        var fileScores = files.Select(file => ScoreFile(file, profile, threshold)).ToList();
        return new NabCorpusScore(
            profile.Name,
            threshold,
            fileScores.Sum(score => score.Score),
            files.Sum(file => file.NullScore(profile)),
            files.Sum(file => file.PerfectScore(profile)),
            fileScores);
    }

    /// <summary>Scores one file at a fixed threshold: the earliest detection per window, minus the false positives, minus missed windows.</summary>
    public static NabFileScore ScoreFile(NabFileSweep file, NabProfile profile, double threshold)
    {
        var best = new double[file.ScorableWindows];
        var detected = new bool[file.ScorableWindows];
        Array.Fill(best, -profile.FalseNegativeWeight);
        var falsePositiveCost = 0.0;
        var falsePositiveRows = 0;
        foreach (var point in file.Points)
        {
            if (point.AnomalyScore < threshold)
            {
                continue;
            }

            if (point.Window >= 0)
            {
                // The sigmoid falls through a window, so the largest weight is the earliest detection's.
                best[point.Window] = Math.Max(best[point.Window], point.Weight(profile));
                detected[point.Window] = true;
            }
            else
            {
                falsePositiveCost += point.Weight(profile);
                falsePositiveRows++;
            }
        }

        var detectedWindows = detected.Count(flag => flag);
        return new NabFileScore(file.RelativePath, best.Sum() + falsePositiveCost, detectedWindows, file.ScorableWindows - detectedWindows, falsePositiveRows);
    }

    private static double BestThreshold(IReadOnlyList<NabFileSweep> files, NabProfile profile)
    {
        var points = new List<(double Score, double Weight, int Window)>();
        var windowBase = 0;
        foreach (var file in files)
        {
            foreach (var point in file.Points)
            {
                points.Add((point.AnomalyScore, point.Weight(profile), point.Window >= 0 ? windowBase + point.Window : -1));
            }

            windowBase += file.ScorableWindows;
        }

        points.Sort((a, b) => b.Score.CompareTo(a.Score));
        var windowBest = new double[windowBase];
        Array.Fill(windowBest, -profile.FalseNegativeWeight);
        var total = windowBase * -profile.FalseNegativeWeight;

        // Above every score nothing is detected; each lower distinct score then adds the rows that reach it.
        var bestThreshold = double.PositiveInfinity;
        var bestTotal = total;
        var i = 0;
        while (i < points.Count)
        {
            var threshold = points[i].Score;
            for (; i < points.Count && points[i].Score == threshold; i++)
            {
                var (_, weight, window) = points[i];
                if (window < 0)
                {
                    total += weight;
                }
                else if (weight > windowBest[window])
                {
                    total += weight - windowBest[window];
                    windowBest[window] = weight;
                }
            }

            if (total > bestTotal)
            {
                bestTotal = total;
                bestThreshold = threshold;
            }
        }

        return bestThreshold;
    }

    /// <summary>
    /// Each window as the rows NAB labels 1 for it: from the first row in file order whose timestamp lies inside it to the
    /// last. Rows are not assumed to be in time order (a clock set back an hour repeats timestamps further on).
    /// </summary>
    internal static List<(int Left, int Right)> WindowRows(NabDataFile file)
    {
        var ranges = new List<(int Left, int Right)>();
        foreach (var window in file.Windows)
        {
            int left = -1, right = -1;
            for (var i = 0; i < file.Rows.Count; i++)
            {
                if (window.Contains(file.Rows[i].Timestamp))
                {
                    left = left < 0 ? i : left;
                    right = i;
                }
            }

            if (left >= 0)
            {
                ranges.Add((left, right));
            }
        }

        return ranges;
    }
}
