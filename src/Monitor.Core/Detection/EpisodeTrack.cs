using Monitor.Core.Accounts;
using Monitor.Core.Alerts;
using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>An open rate episode and what the detector needs to continue it: the baseline frozen at its onset, and its peak.</summary>
internal sealed class EpisodeTrack
{
    public required AlertEpisode Episode { get; set; }

    /// <summary>Median rate (per day) when the episode opened; continuation is judged against it, not the drifting baseline.</summary>
    public double BaselineRate { get; set; }

    /// <summary>Robust scale (per day) when the episode opened.</summary>
    public double BaselineScale { get; set; }

    public long StartTicks { get; init; }

    public long StartFollowers { get; init; }

    public long LastActiveTicks { get; set; }

    public long LastActiveFollowers { get; set; }

    public long PeakTicks { get; set; }

    public long PeakFollowers { get; set; }

    public double PeakRate { get; set; }

    /// <summary>The most extreme z against the frozen baseline (largest for rises, most negative for drops).</summary>
    public double PeakZ { get; set; }

    public double ZAgainstBaseline(double rate) => (rate - BaselineRate) / BaselineScale;

    /// <summary>The evidence as of the last active observation.</summary>
    public EpisodeEvidence Evidence()
    {
        var change = LastActiveFollowers - StartFollowers;
        var days = (LastActiveTicks - StartTicks) / (double)TimeSpan.TicksPerDay;
        return new EpisodeEvidence(
            new DateTimeOffset(PeakTicks, TimeSpan.Zero),
            PeakFollowers,
            PeakRate,
            BaselineRate,
            days > 0 ? change / days : 0,
            PeakZ,
            change,
            StartFollowers != 0 ? (double)change / Math.Abs(StartFollowers) : 0);
    }

    public void Write(ByteWriter writer)
    {
        WriteEpisode(writer, Episode);
        writer.WriteDouble(BaselineRate);
        writer.WriteDouble(BaselineScale);
        writer.WriteVarInt(StartTicks);
        writer.WriteVarInt(StartFollowers);
        writer.WriteVarInt(LastActiveTicks);
        writer.WriteVarInt(LastActiveFollowers);
        writer.WriteVarInt(PeakTicks);
        writer.WriteVarInt(PeakFollowers);
        writer.WriteDouble(PeakRate);
        writer.WriteDouble(PeakZ);
    }

    public static EpisodeTrack Read(ref ByteReader reader) => new()
    {
        Episode = ReadEpisode(ref reader),
        BaselineRate = reader.ReadDouble(),
        BaselineScale = reader.ReadDouble(),
        StartTicks = reader.ReadVarInt(),
        StartFollowers = reader.ReadVarInt(),
        LastActiveTicks = reader.ReadVarInt(),
        LastActiveFollowers = reader.ReadVarInt(),
        PeakTicks = reader.ReadVarInt(),
        PeakFollowers = reader.ReadVarInt(),
        PeakRate = reader.ReadDouble(),
        PeakZ = reader.ReadDouble(),
    };

    /// <summary>Writes a presence flag, then the track if there is one.</summary>
    public static void WriteOptional(ByteWriter writer, EpisodeTrack? track)
    {
        writer.WriteBool(track is not null);
        track?.Write(writer);
    }

    public static EpisodeTrack? ReadOptional(ref ByteReader reader) => reader.ReadBool() ? Read(ref reader) : null;

    public static void WriteEpisode(ByteWriter writer, AlertEpisode episode)
    {
        writer.WriteString(episode.Id);
        writer.WriteString(episode.Account?.ToString());
        writer.WriteByte((byte)episode.Kind);
        writer.WriteByte((byte)episode.Status);
        writer.WriteByte((byte)episode.Severity);
        writer.WriteVarInt(episode.Start.UtcTicks);
        writer.WriteOptionalVarInt(episode.End?.UtcTicks);
        writer.WriteVarInt(episode.UpdatedAt.UtcTicks);
        var e = episode.Evidence;
        writer.WriteVarInt(e.PeakAt.UtcTicks);
        writer.WriteVarInt(e.PeakFollowers);
        writer.WriteDouble(e.PeakRatePerDay);
        writer.WriteDouble(e.BaselineRatePerDay);
        writer.WriteDouble(e.ObservedRatePerDay);
        writer.WriteDouble(e.ZScore);
        writer.WriteVarInt(e.Change);
        writer.WriteDouble(e.RelativeChange);
    }

    public static AlertEpisode ReadEpisode(ref ByteReader reader)
    {
        var id = reader.ReadString() ?? throw new FormatException("Episode id is missing.");
        var account = reader.ReadString() is { } key ? AccountKey.Parse(key) : (AccountKey?)null;
        var kind = ReadEnum<AlertKind>(ref reader);
        var status = ReadEnum<EpisodeStatus>(ref reader);
        var severity = ReadEnum<Severity>(ref reader);
        var start = Ticks(reader.ReadVarInt());
        var end = reader.ReadOptionalVarInt() is { } endTicks ? Ticks(endTicks) : (DateTimeOffset?)null;
        var updatedAt = Ticks(reader.ReadVarInt());
        var evidence = new EpisodeEvidence(
            Ticks(reader.ReadVarInt()),
            reader.ReadVarInt(),
            reader.ReadDouble(),
            reader.ReadDouble(),
            reader.ReadDouble(),
            reader.ReadDouble(),
            reader.ReadVarInt(),
            reader.ReadDouble());
        return AlertEpisode.Restore(id, account, kind, status, severity, start, end, updatedAt, evidence);
    }

    private static T ReadEnum<T>(ref ByteReader reader)
        where T : struct, Enum
    {
        var value = reader.ReadByte();
        return Enum.IsDefined(typeof(T), (int)value) ? (T)(object)(int)value : throw new FormatException($"{value} is not a valid {typeof(T).Name}.");
    }

    private static DateTimeOffset Ticks(long ticks) => ticks is >= 0 and <= 3155378975999999999
        ? new DateTimeOffset(ticks, TimeSpan.Zero)
        : throw new FormatException($"{ticks} is not a valid time in ticks.");
}
