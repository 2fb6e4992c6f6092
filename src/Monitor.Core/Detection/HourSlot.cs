using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// One hour of the day in <see cref="TimeOfDayProfile"/>: a winsorised exponentially weighted mean and mean absolute
/// deviation of its rates, as <see cref="WinsorizedTracker"/> keeps them, but held in single precision (24 of them live in
/// every hourly account's state; the score needs three significant figures, not sixteen).
/// </summary>
internal struct HourSlot
{
    /// <summary>The count stops here; only counts up to the horizon change a weight.</summary>
    private const int CountCap = 1 << 20;

    public float Location;
    public float Deviation;
    public int Count;

    public readonly double Scale => WinsorizedTracker.DeviationToSigma * Deviation;

    /// <summary>Learns a rate; once warm, it is first clamped to location ± clampZ x <paramref name="scale"/>.</summary>
    public void Learn(double value, int horizon, bool warm, double clampZ, double scale)
    {
        var x = warm ? Math.Clamp(value, Location - (clampZ * scale), Location + (clampZ * scale)) : value;
        Count = Math.Min(Count + 1, CountCap);
        var weight = 1.0 / Math.Min(Count, horizon);
        var deviation = Math.Abs(x - Location);
        Deviation = Count == 1 ? 0 : (float)(Deviation + (weight * (deviation - Deviation)));
        Location = (float)(Location + (weight * (x - Location)));
    }

    public readonly void Write(ByteWriter writer)
    {
        writer.WriteVarUInt((ulong)Count);
        if (Count > 0)
        {
            writer.WriteSingle(Location);
            writer.WriteSingle(Deviation);
        }
    }

    public static HourSlot Read(ref ByteReader reader)
    {
        var count = reader.ReadCount(CountCap, "Hour slot count");
        return count == 0 ? default : new HourSlot { Count = count, Location = reader.ReadSingle(), Deviation = reader.ReadSingle() };
    }
}
