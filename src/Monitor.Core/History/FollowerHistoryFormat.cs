using Monitor.Core.Accounts;
using Monitor.Core.Serialization;
using static Monitor.Core.History.HistoryClock;

namespace Monitor.Core.History;

/// <summary>
/// The compact form of a <see cref="FollowerHistory"/>: a version byte, then for each tier (raw, hourly, daily) its record
/// count, bit length and bits. Reading checks every record, so a malformed checkpoint fails on restore, not later.
/// </summary>
internal static class FollowerHistoryFormat
{
    private const byte FormatVersion = 1;

    public static byte[] Write(in FollowerHistoryTiers tiers, int bufferBytes)
    {
        var writer = new ByteWriter(16 + bufferBytes);
        writer.WriteByte(FormatVersion);
        tiers.Raw.WriteTo(writer);
        tiers.Hourly.WriteTo(writer);
        tiers.Daily.WriteTo(writer);
        return writer.ToArray();
    }

    /// <exception cref="FormatException">The data is malformed.</exception>
    public static FollowerHistoryTiers Read(ReadOnlySpan<byte> data)
    {
        var reader = new ByteReader(data);
        var version = reader.ReadByte();
        if (version != FormatVersion)
        {
            throw new FormatException($"Unsupported history format version {version}; expected {FormatVersion}.");
        }

        try
        {
            var raw = EncodedSeries<RawPoint, PointCodec>.ReadFrom(ref reader, "raw");
            var hourly = EncodedSeries<Bucket, BucketCodec>.ReadFrom(ref reader, "hourly");
            var daily = EncodedSeries<Bucket, BucketCodec>.ReadFrom(ref reader, "daily");
            if (!reader.AtEnd)
            {
                throw new FormatException("Unexpected bytes after the daily tier.");
            }

            var rawFirstTime = ValidateRaw(raw.GetReader());
            var hourlyFirstIndex = ValidateBuckets(hourly.GetReader(), SecondsPerHour, "hourly");
            ValidateBuckets(daily.GetReader(), SecondsPerDay, "daily");
            return new FollowerHistoryTiers(raw, hourly, daily, rawFirstTime, hourlyFirstIndex);
        }
        catch (OverflowException e)
        {
            throw new FormatException("The encoded history holds an out-of-range value.", e);
        }
    }

    // Checks every record (time order, ranges) and returns the tier's first time; decoding allocates nothing.
    private static long ValidateRaw(EncodedSeries<RawPoint, PointCodec>.Reader reader)
    {
        var first = 0L;
        var previous = long.MinValue;
        for (var i = 0; reader.TryRead(out var point); i++)
        {
            CheckRecord(point.Time > previous && point.Followers is >= 0 and <= Observation.MaxCount, "raw", i);
            if (i == 0)
            {
                first = point.Time;
            }

            previous = point.Time;
        }

        return first;
    }

    private static long ValidateBuckets(EncodedSeries<Bucket, BucketCodec>.Reader reader, long size, string tier)
    {
        var first = 0L;
        var previous = long.MinValue;
        for (var i = 0; reader.TryRead(out var bucket); i++)
        {
            CheckRecord(
                bucket.Index > previous && bucket.FirstOffset >= 0 && bucket.LastOffset >= bucket.FirstOffset && bucket.LastOffset < size
                    && bucket.Min <= bucket.Last && bucket.Last <= bucket.Max && bucket.Min >= 0,
                tier,
                i);
            if (i == 0)
            {
                first = bucket.Index;
            }

            previous = bucket.Index;
        }

        return first;
    }

    private static void CheckRecord(bool valid, string tier, int index)
    {
        if (!valid)
        {
            throw new FormatException($"The {tier} tier is malformed at record {index}.");
        }
    }
}
