namespace Monitor.Evaluation.Feeding;

/// <summary>
/// Reads values as a gauge: the reading at each timestamp (CPU, latency, a count per fixed bin), not a gain since the row
/// before. The counter fed is the gauge's integral over time, in units of the typical sampling interval (as a CPU-seconds
/// counter integrates CPU use), so the rate the detector takes over any interval is the reading itself: a reading after a
/// gap is not spread over the gap as a low rate, and a regular series gets the same counter as <see cref="CumulativeFeed"/>.
/// </summary>
internal static class GaugeFeed
{
    /// <summary>
    /// Builds the counter: gain[i] = value[i] x (t[i] - latest earlier t) / typical interval (the median positive interval),
    /// the first row weighing one interval and a row at or before the latest earlier one (a repeated timestamp, a clock set
    /// back) none: time already covered is not counted twice.
    /// </summary>
    public static CumulativeFeed Create(IReadOnlyList<DateTime> timestamps, IReadOnlyList<double> values, FeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(options);
        if (timestamps.Count != values.Count)
        {
            throw new ArgumentException($"{timestamps.Count} timestamps for {values.Count} values.", nameof(values));
        }

        // The scale follows the readings, not their weights: whole readings stay whole in the counter's units.
        var scale = CumulativeFeed.ScaleFor(values, options);
        var typical = TypicalTicks(timestamps);
        var gains = new double[values.Count];
        var latest = DateTime.MinValue;
        for (var i = 0; i < values.Count; i++)
        {
            var ticks = i == 0 ? typical : Math.Max(0, (timestamps[i] - latest).Ticks);
            latest = i == 0 || timestamps[i] > latest ? timestamps[i] : latest;
            gains[i] = values[i] * ((double)ticks / typical);
        }

        return CumulativeFeed.Sum(gains, scale, options.BaseFollowers);
    }

    private static long TypicalTicks(IReadOnlyList<DateTime> timestamps)
    {
        var intervals = new List<long>(timestamps.Count);
        for (var i = 1; i < timestamps.Count; i++)
        {
            var ticks = (timestamps[i] - timestamps[i - 1]).Ticks;
            if (ticks > 0)
            {
                intervals.Add(ticks);
            }
        }

        if (intervals.Count == 0)
        {
            return 1;
        }

        intervals.Sort();
        return intervals[intervals.Count / 2];
    }
}
