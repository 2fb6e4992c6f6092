namespace Monitor.Evaluation.Nab;

/// <summary>One NAB data file with its labelled windows; <see cref="Name"/> is the file name without ".csv".</summary>
internal sealed record NabDataFile(string Category, string Name, IReadOnlyList<NabRow> Rows, IReadOnlyList<NabWindow> Windows)
{
    /// <summary>The key NAB uses in labels and score tables, e.g. "realTweets/Twitter_volume_AAPL.csv".</summary>
    public string RelativePath => $"{Category}/{Name}.csv";

    /// <summary>1 for a row inside a labelled window, else 0 (the label column of NAB's results files).</summary>
    public int LabelAt(int row)
    {
        var timestamp = Rows[row].Timestamp;
        foreach (var window in Windows)
        {
            if (window.Contains(timestamp))
            {
                return 1;
            }
        }

        return 0;
    }
}
