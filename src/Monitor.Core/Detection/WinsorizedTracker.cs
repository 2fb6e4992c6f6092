using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// A cheap robust location and scale for a long window: exponentially weighted mean and mean absolute deviation of values
/// clamped to ± <c>clampZ</c> scales (weight 1/min(n, horizon)). O(1) per value where a sorted window of the same length
/// would move hundreds of values; used where the statistic only feeds the anomaly score.
/// </summary>
internal struct WinsorizedTracker
{
    /// <summary>Mean absolute deviation times this estimates the standard deviation of normal data.</summary>
    internal const double DeviationToSigma = 1.2533;

    public double Location;
    public double Deviation;
    public long Count;

    public readonly double Scale => DeviationToSigma * Deviation;

    /// <summary>Learns a value; once warm (<paramref name="warm"/>), it is first clamped to location ± clampZ x <paramref name="scale"/>.</summary>
    public void Learn(double value, int horizon, bool warm, double clampZ, double scale)
    {
        var x = warm ? Math.Clamp(value, Location - (clampZ * scale), Location + (clampZ * scale)) : value;
        Count++;
        var weight = 1.0 / Math.Min(Count, horizon);
        var deviation = Math.Abs(x - Location);
        Location += weight * (x - Location);
        Deviation = Count == 1 ? 0 : Deviation + (weight * (deviation - Deviation));
    }

    public readonly void Write(ByteWriter writer)
    {
        writer.WriteDouble(Location);
        writer.WriteDouble(Deviation);
        writer.WriteVarInt(Count);
    }

    public static WinsorizedTracker Read(ref ByteReader reader) => new()
    {
        Location = reader.ReadDouble(),
        Deviation = reader.ReadDouble(),
        Count = reader.ReadVarInt(),
    };
}
