namespace Monitor.Evaluation.Nab;

/// <summary>One file's scorable rows, and how many of its windows have at least one scorable row.</summary>
internal sealed record NabFileSweep(string RelativePath, IReadOnlyList<NabSweepPoint> Points, int ScorableWindows)
{
    /// <summary>The best a detector can get on this file: every scorable window detected at its first scorable row.</summary>
    public double PerfectScore(NabProfile profile)
    {
        var best = new double[ScorableWindows];
        Array.Fill(best, double.NegativeInfinity);
        foreach (var point in Points)
        {
            if (point.Window >= 0)
            {
                best[point.Window] = Math.Max(best[point.Window], point.Weight(profile));
            }
        }

        return best.Sum();
    }

    /// <summary>What a detector that never fires gets: every scorable window missed.</summary>
    public double NullScore(NabProfile profile) => -profile.FalseNegativeWeight * ScorableWindows;
}
