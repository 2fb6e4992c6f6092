using Monitor.Core.Accounts;
using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>Where a detector is in its series: the last observation, where the current rate interval starts, and the counts' resolution.</summary>
internal sealed class SeriesPosition
{
    public bool HasLast;
    public long LastTicks;
    public long LastFollowers;

    // Where the current rate interval starts: the previous observation, or on a rounded series the first observation of the
    // current rounded count (a repeat of a rounded count says only that the true count stayed within a step).
    public long RateTicks;
    public long RateFollowers;
    public CountResolution? Declared;
    public ResolutionInference Inference;

    /// <summary>The declared resolution, else the inferred one.</summary>
    public CountResolution Resolution => Declared ?? Inference.Inferred;

    /// <summary>The first observation: the last one, and where the first rate interval starts.</summary>
    public void Start(long ticks, long followers)
    {
        HasLast = true;
        LastTicks = ticks;
        LastFollowers = followers;
        RateTicks = ticks;
        RateFollowers = followers;
    }

    /// <summary>Writes what state version 2 added: the rate interval's start and the resolution.</summary>
    public void WriteRateStart(ByteWriter writer)
    {
        writer.WriteVarInt(RateTicks);
        writer.WriteVarInt(RateFollowers);
        writer.WriteBool(Declared is not null);
        if (Declared is { } declared)
        {
            writer.WriteByte((byte)declared.Kind);
            writer.WriteVarInt(declared.Value);
        }

        Inference.Write(writer);
    }

    public void ReadRateStart(ref ByteReader reader)
    {
        RateTicks = reader.ReadVarInt();
        RateFollowers = reader.ReadVarInt();
        Declared = reader.ReadBool() ? ReadResolution(ref reader) : null;
        Inference = ResolutionInference.Read(ref reader);
    }

    private static CountResolution ReadResolution(ref ByteReader reader)
    {
        var kind = reader.ReadByte();
        var value = reader.ReadVarInt();
        try
        {
            return kind switch
            {
                (byte)ResolutionKind.Exact when value == 0 => CountResolution.Exact,
                (byte)ResolutionKind.SignificantFigures => CountResolution.SignificantFigures((int)Math.Min(value, int.MaxValue)),
                (byte)ResolutionKind.Step => CountResolution.Step(value),
                _ => throw new FormatException($"Unknown count resolution {kind}/{value} in the detector state."),
            };
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new FormatException($"Count resolution {kind}/{value} in the detector state is out of range.", ex);
        }
    }
}
