using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// The long-run average of a robust scale (weight 1/min(n, 1000)): the floor under the current scale, so a flat stretch
/// cannot make every wiggle look huge.
/// </summary>
internal struct LongRunAverage
{
    private const int Horizon = 1000;

    public double Value;
    public long Count;

    /// <summary>Learns <paramref name="value"/> and returns the new average.</summary>
    public double Learn(double value)
    {
        Count++;
        Value = Count == 1 ? value : Value + ((value - Value) / Math.Min(Count, Horizon));
        return Value;
    }

    public readonly void Write(ByteWriter writer)
    {
        writer.WriteDouble(Value);
        writer.WriteVarInt(Count);
    }

    public static LongRunAverage Read(ref ByteReader reader) => new()
    {
        Value = reader.ReadDouble(),
        Count = reader.ReadVarInt(),
    };
}
