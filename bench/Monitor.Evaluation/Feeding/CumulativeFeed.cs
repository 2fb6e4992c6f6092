namespace Monitor.Evaluation.Feeding;

/// <summary>
/// Turns per-interval gains into the cumulative counter the detector is fed: counter[i] = offset + round(scale x (g[0] + ... + g[i])).
/// A negative gain is a loss (unfollows, a purge); fractional gains are scaled; the running sum is rounded, not each gain, so no drift builds up.
/// </summary>
internal sealed record CumulativeFeed(double Scale, long Offset, IReadOnlyList<long> Followers)
{
    /// <summary>Builds the counter for <paramref name="gains"/>.</summary>
    public static CumulativeFeed Create(IReadOnlyList<double> gains, FeedOptions options) =>
        Sum(gains, ScaleFor(gains, options), options.BaseFollowers);

    /// <summary>
    /// The factor <paramref name="values"/> are multiplied by: <see cref="FeedOptions.FractionalScale"/> when any is
    /// fractional, else 1. Checks the options and that every value is finite.
    /// </summary>
    internal static double ScaleFor(IReadOnlyList<double> values, FeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(options);
        if (options.BaseFollowers < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BaseFollowers, "BaseFollowers must not be negative.");
        }

        if (!(options.FractionalScale >= 1) || !double.IsFinite(options.FractionalScale))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FractionalScale, "FractionalScale must be a finite number of at least 1.");
        }

        var scale = 1.0;
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(values), values[i], $"Value {i} is not a finite number.");
            }

            if (values[i] != Math.Floor(values[i]))
            {
                scale = options.FractionalScale;
            }
        }

        return scale;
    }

    /// <summary>The counter offset + round(<paramref name="scale"/> x running sum), lifted so that it never goes below <paramref name="baseFollowers"/>.</summary>
    internal static CumulativeFeed Sum(IReadOnlyList<double> gains, double scale, long baseFollowers)
    {
        var sums = new long[gains.Count];
        var running = 0.0;
        var lowest = 0L;
        for (var i = 0; i < gains.Count; i++)
        {
            running += gains[i];
            sums[i] = (long)Math.Round(running * scale, MidpointRounding.AwayFromZero);
            lowest = Math.Min(lowest, sums[i]);
        }

        // A series whose losses outweigh its gains is lifted so that the counter never goes below the base.
        var offset = baseFollowers - lowest;
        var followers = new long[gains.Count];
        for (var i = 0; i < gains.Count; i++)
        {
            followers[i] = offset + sums[i];
        }

        return new CumulativeFeed(scale, offset, followers);
    }
}
