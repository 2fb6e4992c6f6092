namespace Monitor.Evaluation.Nab;

/// <summary>
/// Where a detector's detections fall at a threshold, file by file: each window's first detection and highest score, and
/// every false-positive row with its cost. The same rules as <see cref="NabScorer"/> (probation, window rows, the position
/// after a window), so a file's outcomes add up to its score there.
/// </summary>
internal static class NabDetectionReport
{
    /// <summary>One outcome per window that has rows in <paramref name="file"/>, in window order.</summary>
    public static IReadOnlyList<NabWindowOutcome> Windows(NabDataFile file, IReadOnlyList<double> anomalyScores, double threshold)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(anomalyScores);
        var probation = NabScorer.ProbationLength(file.Rows.Count);
        var outcomes = new List<NabWindowOutcome>();
        foreach (var (left, right) in NabScorer.WindowRows(file))
        {
            var rows = right - left + 1;
            int? first = null;
            var maxRow = -1;
            for (var i = Math.Max(left, probation); i <= right; i++)
            {
                first ??= anomalyScores[i] >= threshold ? i : null;
                maxRow = maxRow < 0 || anomalyScores[i] > anomalyScores[maxRow] ? i : maxRow;
            }

            outcomes.Add(new NabWindowOutcome(
                file.RelativePath,
                file.Rows[left].Timestamp,
                file.Rows[right].Timestamp,
                rows,
                Math.Max(0, right - Math.Max(left, probation) + 1),
                first is { } row ? file.Rows[row].Timestamp : null,
                first is { } at ? (at - left) / (double)rows : null,
                maxRow >= 0 ? anomalyScores[maxRow] : 0,
                maxRow >= 0 ? (maxRow - left) / (double)rows : null));
        }

        return outcomes;
    }

    /// <summary>Every scorable row outside the windows whose score is at or above <paramref name="threshold"/>, in file order.</summary>
    public static IReadOnlyList<NabFalsePositive> FalsePositives(NabDataFile file, IReadOnlyList<double> anomalyScores, double threshold, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(profile);
        var sweep = NabScorer.Sweep(file, anomalyScores);
        var probation = NabScorer.ProbationLength(file.Rows.Count);
        var windows = NabScorer.WindowRows(file);
        var falsePositives = new List<NabFalsePositive>();
        for (var p = 0; p < sweep.Points.Count; p++)
        {
            var point = sweep.Points[p];
            if (point.Window >= 0 || point.AnomalyScore < threshold)
            {
                continue;
            }

            var row = probation + p;
            var previous = windows.LastOrDefault(window => window.Right < row, (Left: -1, Right: -1));
            double? after = previous.Right < 0 ? null : (row - previous.Right) / (double)Math.Max(1, previous.Right - previous.Left);
            falsePositives.Add(new NabFalsePositive(file.RelativePath, file.Rows[row].Timestamp, file.Rows[row].Value, point.AnomalyScore, after, point.Weight(profile)));
        }

        return falsePositives;
    }
}
