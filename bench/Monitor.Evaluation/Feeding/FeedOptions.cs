namespace Monitor.Evaluation.Feeding;

/// <summary>How NAB values become a cumulative follower counter.</summary>
internal sealed class FeedOptions
{
    /// <summary>The counter's level before the first gain; a mid-size account so that small-account guards do not mute the series.</summary>
    public long BaseFollowers { get; set; } = 100_000;

    /// <summary>The factor fractional gains are multiplied by before summing (1000 keeps three decimals).</summary>
    public double FractionalScale { get; set; } = 1000;

    /// <summary>Whether a value is a gauge's reading (the default) or a counter's gain over its interval.</summary>
    public NabReading Reading { get; set; } = NabReading.Gauge;
}
