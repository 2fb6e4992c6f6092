using System.Globalization;

namespace Monitor.Evaluation.Nab;

/// <summary>
/// A published detector's per-file table, results/&lt;detector&gt;/&lt;detector&gt;_&lt;profile&gt;_scores.csv
/// (Detector, Profile, File, Threshold, Score, TP, TN, FP, FN, Total_Count), each file scored at the detector's corpus threshold.
/// </summary>
internal sealed record PublishedScoreTable(string Detector, string Profile, IReadOnlyDictionary<string, double> ScoreByFile)
{
    /// <summary>Reads a table; <paramref name="source"/> names it in error messages.</summary>
    public static PublishedScoreTable Read(TextReader reader, string detector, string profile, string source)
    {
        var header = reader.ReadLine()?.Split(',') ?? throw new FormatException($"{source}: the table is empty.");
        var fileColumn = Array.IndexOf(header, "File");
        var scoreColumn = Array.IndexOf(header, "Score");
        if (fileColumn < 0 || scoreColumn < 0)
        {
            throw new FormatException($"{source}: header '{string.Join(',', header)}' has no File and Score columns.");
        }

        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var cells = line.Split(',');
            if (cells.Length <= Math.Max(fileColumn, scoreColumn))
            {
                continue;
            }

            // NAB appends a "Totals" row with an empty File cell.
            if (cells[fileColumn].Length == 0)
            {
                continue;
            }

            if (!double.TryParse(cells[scoreColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
            {
                throw new FormatException($"{source} line {lineNumber}: Score '{cells[scoreColumn]}' is not a number.");
            }

            scores[cells[fileColumn]] = score;
        }

        return new PublishedScoreTable(detector, profile, scores);
    }

    /// <summary>Reads results/&lt;detector&gt;/&lt;detector&gt;_&lt;profile&gt;_scores.csv under <paramref name="resultsFolder"/>, or null when absent.</summary>
    public static PublishedScoreTable? TryRead(string resultsFolder, string detector, string profile)
    {
        var path = Path.Combine(resultsFolder, detector, $"{detector}_{profile}_scores.csv");
        if (!File.Exists(path))
        {
            return null;
        }

        using var reader = new StreamReader(path);
        return Read(reader, detector, profile, path);
    }

    /// <summary>
    /// The normalised corpus figure over <paramref name="files"/>: their published scores summed and normalised with the
    /// null and perfect totals of the same files; null when the table lacks one of them.
    /// </summary>
    public double? Normalised(IReadOnlyList<NabFileSweep> files, NabProfile profile)
    {
        var raw = 0.0;
        foreach (var file in files)
        {
            if (!ScoreByFile.TryGetValue(file.RelativePath, out var score))
            {
                return null;
            }

            raw += score;
        }

        return NabScorer.Normalise(raw, files.Sum(file => file.NullScore(profile)), files.Sum(file => file.PerfectScore(profile)));
    }
}
