using System.Globalization;
using System.Text;

namespace Monitor.Evaluation.Nab;

/// <summary>
/// Writes a detector's output in NAB's results layout, &lt;out&gt;/&lt;detector&gt;/&lt;category&gt;/&lt;detector&gt;_&lt;file&gt;.csv
/// with columns timestamp,value,anomaly_score,label, plus NAB-style per-file score tables per profile and, per profile, where
/// the detections fall (windows and false-positive rows).
/// </summary>
internal static class NabResultsWriter
{
    /// <summary>Writes one file's rows with their anomaly scores and labels; returns the path written.</summary>
    public static string WriteScores(string outRoot, string detector, NabDataFile file, IReadOnlyList<double> anomalyScores)
    {
        ValidateDetectorName(detector);
        if (anomalyScores.Count != file.Rows.Count)
        {
            throw new ArgumentException($"{file.RelativePath}: {anomalyScores.Count} anomaly scores for {file.Rows.Count} rows.", nameof(anomalyScores));
        }

        var folder = Path.Combine(outRoot, detector, file.Category);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{detector}_{file.Name}.csv");
        var text = new StringBuilder(file.Rows.Count * 48);
        text.Append("timestamp,value,anomaly_score,label\n");
        for (var i = 0; i < file.Rows.Count; i++)
        {
            text.Append(NabTimestamp.Format(file.Rows[i].Timestamp)).Append(',')
                .Append(file.Rows[i].Value.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(anomalyScores[i].ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(file.LabelAt(i)).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>Writes &lt;out&gt;/&lt;detector&gt;/&lt;detector&gt;_&lt;profile&gt;_scores.csv in the layout of NAB's published tables.</summary>
    public static string WriteScoreTable(string outRoot, string detector, NabCorpusScore score)
    {
        ValidateDetectorName(detector);
        var folder = Path.Combine(outRoot, detector);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{detector}_{score.Profile}_scores.csv");
        var text = new StringBuilder();
        text.Append("Detector,Profile,File,Threshold,Score,DetectedWindows,MissedWindows,FalsePositiveRows\n");
        foreach (var file in score.Files)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{detector},{score.Profile},{file.RelativePath},{score.Threshold:R},{file.Score:R},{file.DetectedWindows},{file.MissedWindows},{file.FalsePositiveRows}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Totals,{score.Profile},,{score.Threshold:R},{score.RawScore:R},,,\n");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>
    /// Writes where the detections fall at the profile's threshold: &lt;detector&gt;_&lt;profile&gt;_windows.csv (each window's
    /// first detection and highest score, with their positions in it) and &lt;detector&gt;_&lt;profile&gt;_false_positives.csv
    /// (every false-positive row and its cost); returns both paths.
    /// </summary>
    public static (string Windows, string FalsePositives) WriteDetections(
        string outRoot, string detector, NabProfile profile, double threshold, IReadOnlyList<(NabDataFile File, double[] Scores)> files)
    {
        ValidateDetectorName(detector);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(files);
        var folder = Path.Combine(outRoot, detector);
        Directory.CreateDirectory(folder);
        var windows = new StringBuilder("File,Start,End,Rows,ScorableRows,Detected,FirstDetection,FirstDetectionPosition,MaxScore,MaxScorePosition\n");
        var falsePositives = new StringBuilder("File,Timestamp,Value,AnomalyScore,WidthsAfterWindow,Cost\n");
        foreach (var (file, scores) in files)
        {
            foreach (var window in NabDetectionReport.Windows(file, scores, threshold))
            {
                windows.Append(CultureInfo.InvariantCulture, $"{window.RelativePath},{NabTimestamp.Format(window.Start)},{NabTimestamp.Format(window.End)},")
                    .Append(CultureInfo.InvariantCulture, $"{window.Rows},{window.ScorableRows},{(window.Detected ? 1 : 0)},{Format(window.FirstDetection)},")
                    .Append(CultureInfo.InvariantCulture, $"{window.FirstDetectionPosition:0.###},{window.MaxScore:R},{window.MaxScorePosition:0.###}\n");
            }

            foreach (var row in NabDetectionReport.FalsePositives(file, scores, threshold, profile))
            {
                falsePositives.Append(CultureInfo.InvariantCulture, $"{row.RelativePath},{NabTimestamp.Format(row.Timestamp)},{row.Value:R},")
                    .Append(CultureInfo.InvariantCulture, $"{row.AnomalyScore:R},{row.WidthsAfterWindow:0.###},{row.Cost:R}\n");
            }
        }

        var windowsPath = Path.Combine(folder, $"{detector}_{profile.Name}_windows.csv");
        var falsePositivesPath = Path.Combine(folder, $"{detector}_{profile.Name}_false_positives.csv");
        File.WriteAllText(windowsPath, windows.ToString());
        File.WriteAllText(falsePositivesPath, falsePositives.ToString());
        return (windowsPath, falsePositivesPath);
    }

    private static string Format(DateTime? timestamp) => timestamp is { } value ? NabTimestamp.Format(value) : string.Empty;

    private static void ValidateDetectorName(string detector)
    {
        if (string.IsNullOrWhiteSpace(detector) || detector.IndexOfAny(['/', '\\', '.', ' ']) >= 0)
        {
            throw new ArgumentException($"Detector name '{detector}' must be a plain folder name (no separators, dots or spaces).", nameof(detector));
        }
    }
}
