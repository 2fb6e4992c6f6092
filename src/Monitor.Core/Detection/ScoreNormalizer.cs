using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// Exponentially weighted mean and variance of a stream (weight 1/min(n, horizon)), used to express a value in standard
/// deviations above what is usual for this account: the "anomaly likelihood" idea, which makes one threshold fit every series.
/// </summary>
internal struct ScoreNormalizer
{
    private const int MinimumCount = 50;

    public double Mean;
    public double Variance;
    public long Count;

    /// <summary>How unusual <paramref name="value"/> is (0 until enough history), then learns it.</summary>
    public double StandardizeThenLearn(double value, int horizon)
    {
        var deviation = Math.Sqrt(Variance);
        var standardized = Count > MinimumCount && deviation > 0 ? (value - Mean) / deviation : 0;
        Count++;
        var weight = 1.0 / Math.Min(Count, horizon);
        var delta = value - Mean;
        Mean += weight * delta;
        Variance = (1 - weight) * (Variance + (weight * delta * delta));
        return standardized;
    }

    public readonly void Write(ByteWriter writer)
    {
        writer.WriteDouble(Mean);
        writer.WriteDouble(Variance);
        writer.WriteVarInt(Count);
    }

    public static ScoreNormalizer Read(ref ByteReader reader) => new()
    {
        Mean = reader.ReadDouble(),
        Variance = reader.ReadDouble(),
        Count = reader.ReadVarInt(),
    };
}
