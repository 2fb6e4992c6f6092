using Monitor.Core.Accounts;
using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// The byte layout of <see cref="AccountDetector"/>'s state. Versions 2 to 6 put what they added first, length-prefixed
/// (version 3 appends the regime window to version 2's fields, version 4 a rounded series' change points, version 5 the
/// anomaly score's level-shift mean, version 6 its time-of-day profile); the rest is version 1's layout unchanged, so older
/// states still restore (version 1: every count exact, every interval from the previous observation; version 2: an empty
/// regime window; versions 2 and 3: no change points yet; versions 1 to 4: the level-shift mean starts afresh; versions 1
/// to 5: the time-of-day profile starts afresh; the last two touch only the anomaly score).
/// </summary>
internal static class DetectorStateCodec
{
    private const byte StateVersion = 6;
    private const byte FirstStateVersion = 1;

    public static byte[] Serialize(AccountDetector detector)
    {
        var writer = new ByteWriter(512);
        writer.WriteByte(StateVersion);
        var added = new ByteWriter(256);
        detector.Position.WriteRateStart(added);
        detector.Surge.WriteTrailingDay(added);
        detector.Regime.Write(added);
        detector.Surge.WriteRoundedTrailing(added);
        detector.Score.WriteShift(added);
        detector.Score.WriteTimeOfDay(added);
        var addedBytes = added.ToArray();
        writer.WriteVarUInt((ulong)addedBytes.Length);
        writer.WriteBytes(addedBytes);

        var position = detector.Position;
        writer.WriteString(detector.Account?.ToString());
        writer.WriteBool(position.HasLast);
        writer.WriteVarInt(position.LastTicks);
        writer.WriteVarInt(position.LastFollowers);
        detector.Baseline.Write(writer);
        detector.Score.Write(writer);
        detector.Stall.WriteIntervals(writer);
        detector.Surge.Write(writer);
        EpisodeTrack.WriteOptional(writer, detector.Episodes.Rise);
        detector.Drop.Write(writer);
        detector.Stall.WriteOpen(writer);
        writer.WriteDouble(detector.Score.Last);
        writer.WriteDouble(detector.LastRobustZ);
        return writer.ToArray();
    }

    public static AccountDetector Restore(DetectorSettings settings, ReadOnlySpan<byte> state)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reader = new ByteReader(state);
        var version = reader.ReadByte();
        if (version is < FirstStateVersion or > StateVersion)
        {
            throw new FormatException($"Unsupported detector state version {version}; expected {FirstStateVersion} to {StateVersion}.");
        }

        var addedFields = version > FirstStateVersion ? reader.ReadSpan(reader.ReadCount(1 << 20, "Version 2 fields length")) : default;
        var account = reader.ReadString() is { } key ? AccountKey.Parse(key) : (AccountKey?)null;
        var detector = new AccountDetector(settings, account);
        var position = detector.Position;
        position.HasLast = reader.ReadBool();
        position.LastTicks = reader.ReadVarInt();
        position.LastFollowers = reader.ReadVarInt();
        detector.Baseline.Read(ref reader);
        detector.Score.Read(ref reader);
        detector.Stall.ReadIntervals(ref reader);
        detector.Surge.Read(ref reader);
        detector.Episodes.Rise = EpisodeTrack.ReadOptional(ref reader);
        detector.Drop.Read(ref reader);
        detector.Stall.ReadOpen(ref reader);
        detector.Score.Last = reader.ReadDouble();
        detector.LastRobustZ = reader.ReadDouble();
        if (version == FirstStateVersion)
        {
            position.RateTicks = position.LastTicks;
            position.RateFollowers = position.LastFollowers;
        }
        else
        {
            ReadAddedFields(detector, addedFields, version);
        }

        if (!reader.AtEnd)
        {
            throw new FormatException("Unexpected bytes after the detector state.");
        }

        return detector;
    }

    private static void ReadAddedFields(AccountDetector detector, ReadOnlySpan<byte> fields, byte version)
    {
        var reader = new ByteReader(fields);
        detector.Position.ReadRateStart(ref reader);
        detector.Surge.ReadTrailingDay(ref reader);
        if (version >= 3)
        {
            detector.Regime.Read(ref reader);
        }

        if (version >= 4)
        {
            detector.Surge.ReadRoundedTrailing(ref reader);
        }

        if (version >= 5)
        {
            detector.Score.ReadShift(ref reader);
        }

        if (version >= 6)
        {
            detector.Score.ReadTimeOfDay(ref reader);
        }

        if (!reader.AtEnd)
        {
            throw new FormatException("Unexpected bytes after the detector state's added fields.");
        }
    }
}
