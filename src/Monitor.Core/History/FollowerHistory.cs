using Monitor.Core.Accounts;
using Monitor.Core.Serialization;
using static Monitor.Core.History.HistoryClock;

namespace Monitor.Core.History;

/// <summary>
/// One account's follower series in three tiers, each held delta-encoded in a bit buffer: raw points for the last
/// <see cref="FollowerHistoryOptions.RawRetention"/>, hourly roll-ups until <see cref="FollowerHistoryOptions.HourlyRetention"/>,
/// and daily roll-ups for ever. A point lives in exactly one tier; whole UTC days move down a tier as the latest point advances.
/// </summary>
/// <remarks>
/// Timestamps are kept to the whole second (anything finer is truncated). A point is identified by its second: the same
/// second with the same counts is a duplicate (counted, ignored); with different counts it is a conflict (the first stored
/// value is kept, the new one is rejected). Points may arrive out of order within
/// <see cref="FollowerHistoryOptions.OutOfOrderWindow"/> of the latest point; older ones are rejected as too old, unless
/// they repeat a raw point still stored (then they are duplicates or conflicts). The stored series depends only on the set of
/// accepted points, not the order they arrived in. Not thread-safe: a grain calls it one turn at a time.
/// </remarks>
public sealed class FollowerHistory
{
    private const byte FormatVersion = 1;

    private readonly FollowerHistoryOptions _options;
    private readonly long _rawRetention;
    private readonly long _hourlyRetention;
    private readonly long _window;

    private byte[] _raw = [];
    private int _rawBits;
    private int _rawCount;
    private PointCodec _rawTail;
    private long _rawFirstTime;

    private byte[] _hourly = [];
    private int _hourlyBits;
    private int _hourlyCount;
    private long _hourlyFirstIndex;

    private byte[] _daily = [];
    private int _dailyBits;
    private int _dailyCount;

    /// <summary>Creates an empty history with the given tier settings (defaults when null).</summary>
    public FollowerHistory(FollowerHistoryOptions? options = null)
    {
        _options = (options ?? FollowerHistoryOptions.Default).Validate();
        _rawRetention = (long)_options.RawRetention.TotalSeconds;
        _hourlyRetention = (long)_options.HourlyRetention.TotalSeconds;
        _window = (long)_options.OutOfOrderWindow.TotalSeconds;
    }

    /// <summary>The tier settings.</summary>
    public FollowerHistoryOptions Options => _options;

    /// <summary>True until the first point is stored.</summary>
    public bool IsEmpty => _rawCount == 0;

    /// <summary>The latest stored point, or null when empty.</summary>
    public SeriesPoint? Latest => _rawCount == 0 ? null : _rawTail.Last.ToSeriesPoint();

    /// <summary>How many raw points are stored.</summary>
    public int RawCount => _rawCount;

    /// <summary>How many hourly roll-ups are stored (hours older than the raw tier).</summary>
    public int HourlyCount => _hourlyCount;

    /// <summary>How many daily roll-ups are stored (days older than the hourly tier).</summary>
    public int DailyCount => _dailyCount;

    /// <summary>Bytes held by the three encoded tiers (their buffers, including spare capacity).</summary>
    public int BufferBytes => _raw.Length + _hourly.Length + _daily.Length;

    /// <summary>Stores the observations' counts; see <see cref="Append(IEnumerable{FollowerSample})"/>.</summary>
    public AppendResult Append(IEnumerable<Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        return Append(observations.Select(o => o.ToSample()));
    }

    /// <summary>
    /// Stores a batch. The batch is taken in time order (ties in submission order), so a batch that arrives shuffled is
    /// handled like a sorted one. Returns the stored samples in time order, the duplicate count and the rejections.
    /// </summary>
    public AppendResult Append(IEnumerable<FollowerSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var batch = samples.Select((sample, index) => (Point: RawPoint.From(sample), Index: index, Sample: sample)).ToArray();
        if (batch.Length > 1)
        {
            // Stable: equal seconds keep submission order, so "the first one wins" means the first submitted.
            Array.Sort(batch, static (a, b) => a.Point.Time != b.Point.Time ? a.Point.Time.CompareTo(b.Point.Time) : a.Index.CompareTo(b.Index));
        }

        var added = new List<FollowerSample>(batch.Length);
        List<RejectedSample>? rejected = null;
        var duplicates = 0;
        List<RawPoint>? decoded = null;

        foreach (var (point, index, sample) in batch)
        {
            var count = decoded?.Count ?? _rawCount;
            var latest = decoded is not null ? decoded[^1] : _rawTail.Last;
            if (count == 0 || point.Time > latest.Time)
            {
                if (decoded is not null)
                {
                    decoded.Add(point);
                }
                else
                {
                    AppendRaw(point);
                }

                added.Add(point.ToSample());
                continue;
            }

            RawPoint? existing = null;
            var position = -1;
            if (point.Time == latest.Time)
            {
                existing = latest;
            }
            else if (point.Time >= (decoded is not null ? decoded[0].Time : _rawFirstTime))
            {
                decoded ??= DecodeRaw();
                position = FindInsertPosition(decoded, point.Time);
                if (position < decoded.Count && decoded[position].Time == point.Time)
                {
                    existing = decoded[position];
                }
            }

            if (existing is { } stored)
            {
                if (stored.SameCounts(point))
                {
                    duplicates++;
                }
                else
                {
                    (rejected ??= []).Add(new RejectedSample(index, sample, RejectionReason.Conflict,
                        $"Followers {point.Followers} (following {Show(point.Following)}, posts {Show(point.Posts)}) at {ToTimestamp(point.Time):O} "
                        + $"conflict with the stored followers {stored.Followers} (following {Show(stored.Following)}, posts {Show(stored.Posts)}); the stored value is kept."));
                }

                continue;
            }

            if (point.Time < latest.Time - _window)
            {
                (rejected ??= []).Add(new RejectedSample(index, sample, RejectionReason.TooOld,
                    $"Timestamp {ToTimestamp(point.Time):O} is more than {_options.OutOfOrderWindow} before the latest point {ToTimestamp(latest.Time):O}."));
                continue;
            }

            decoded ??= DecodeRaw();
            if (position < 0)
            {
                position = FindInsertPosition(decoded, point.Time);
            }

            decoded.Insert(position, point);
            added.Add(point.ToSample());
        }

        if (decoded is not null)
        {
            EncodeRaw(decoded, 0);
        }

        MigrateIfDue();
        return new AppendResult(added, duplicates, (IReadOnlyList<RejectedSample>?)rejected ?? []);
    }

    /// <summary>
    /// The points overlapping [<paramref name="from"/>, <paramref name="to"/>] at a resolution, oldest first. Raw returns only
    /// the raw tier; Hour adds roll-ups of the raw tier to the hourly tier; Day rolls up everything still finer than a day.
    /// </summary>
    public IReadOnlyList<SeriesPoint> Query(DateTimeOffset from, DateTimeOffset to, Resolution resolution)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The end of the range is before its start ({from:O}).");
        }

        var start = ToSeconds(from);
        var end = ToSeconds(to);
        var result = new List<SeriesPoint>();
        switch (resolution)
        {
            case Resolution.Raw:
                foreach (var point in DecodeRaw())
                {
                    if (point.Time >= start && point.Time <= end)
                    {
                        result.Add(point.ToSeriesPoint());
                    }
                }

                break;

            case Resolution.Hour:
            {
                var hours = DecodeHourly();
                Bucket.RollUp(DecodeRaw().ToArray(), SecondsPerHour, hours);
                AddOverlapping(hours, SecondsPerHour, start, end, result);
                break;
            }

            case Resolution.Day:
            {
                var days = DecodeDaily();
                var hours = DecodeHourly();
                Bucket.RollUp(DecodeRaw().ToArray(), SecondsPerHour, hours);
                Bucket.RollUp(hours.ToArray(), SecondsPerHour, SecondsPerDay, days);
                AddOverlapping(days, SecondsPerDay, start, end, result);
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Unknown resolution.");
        }

        return result;
    }

    /// <summary>
    /// The latest observation at or before <paramref name="time"/>: a raw point, or else the last observation of the latest
    /// roll-up that ended by then (its <see cref="SeriesPoint.Last"/> is when it was observed). Null when there is none.
    /// </summary>
    public SeriesPoint? LatestAtOrBefore(DateTimeOffset time)
    {
        if (_rawCount == 0)
        {
            return null;
        }

        var t = ToSeconds(time);
        if (_rawTail.PreviousTime <= t)
        {
            return _rawTail.Last.ToSeriesPoint();
        }

        if (_rawFirstTime <= t)
        {
            var points = DecodeRaw();
            return points[FindInsertPosition(points, t + 1) - 1].ToSeriesPoint();
        }

        var hourly = LastEndingBy(DecodeHourly(), SecondsPerHour, t);
        return hourly ?? LastEndingBy(DecodeDaily(), SecondsPerDay, t);
    }

    /// <summary>
    /// The compact form: a version byte, then for each tier (raw, hourly, daily) its record count, bit length and bits.
    /// </summary>
    public byte[] Serialize()
    {
        var writer = new ByteWriter(16 + BufferBytes);
        writer.WriteByte(FormatVersion);
        WriteTier(writer, _raw, _rawBits, _rawCount);
        WriteTier(writer, _hourly, _hourlyBits, _hourlyCount);
        WriteTier(writer, _daily, _dailyBits, _dailyCount);
        return writer.ToArray();
    }

    /// <summary>Restores a history from <see cref="Serialize"/>; throws <see cref="FormatException"/> when the data is malformed.</summary>
    public static FollowerHistory Deserialize(ReadOnlySpan<byte> data, FollowerHistoryOptions? options = null)
    {
        var history = new FollowerHistory(options);
        var reader = new ByteReader(data);
        var version = reader.ReadByte();
        if (version != FormatVersion)
        {
            throw new FormatException($"Unsupported history format version {version}; expected {FormatVersion}.");
        }

        try
        {
            (history._raw, history._rawBits, history._rawCount) = ReadTier(ref reader, "raw");
            (history._hourly, history._hourlyBits, history._hourlyCount) = ReadTier(ref reader, "hourly");
            (history._daily, history._dailyBits, history._dailyCount) = ReadTier(ref reader, "daily");
            if (!reader.AtEnd)
            {
                throw new FormatException("Unexpected bytes after the daily tier.");
            }

            history.ValidateAndLoadTails();
        }
        catch (OverflowException e)
        {
            throw new FormatException("The encoded history holds an out-of-range value.", e);
        }

        return history;
    }

    private static void WriteTier(ByteWriter writer, byte[] buffer, int bits, int count)
    {
        writer.WriteVarUInt((ulong)count);
        writer.WriteVarUInt((ulong)bits);
        writer.WriteBytes(buffer.AsSpan(0, (bits + 7) >> 3));
    }

    private static (byte[] Buffer, int Bits, int Count) ReadTier(ref ByteReader reader, string tier)
    {
        var count = reader.ReadVarUInt();
        var bits = reader.ReadVarUInt();
        if (count > int.MaxValue || bits > int.MaxValue - 7)
        {
            throw new FormatException($"The {tier} tier's record count {count} or bit length {bits} is out of range.");
        }

        var buffer = reader.ReadSpan((int)((bits + 7) >> 3)).ToArray();
        if ((bits & 7) != 0)
        {
            // Appends OR bits into the last byte, so whatever follows the last bit must be zero.
            buffer[^1] &= (byte)(0xFF << (8 - (int)(bits & 7)));
        }

        return (buffer, (int)bits, (int)count);
    }

    /// <summary>Decodes every tier once (without allocating) to check it and to restore the raw tail and the tiers' first times.</summary>
    private void ValidateAndLoadTails()
    {
        var reader = new BitReader(_raw, _rawBits);
        var codec = default(PointCodec);
        var previous = long.MinValue;
        for (var i = 0; i < _rawCount; i++)
        {
            var point = codec.Read(ref reader);
            CheckRecord(point.Time > previous && point.Followers is >= 0 and <= Observation.MaxCount, "raw", i);
            if (i == 0)
            {
                _rawFirstTime = point.Time;
            }

            previous = point.Time;
        }

        CheckRecord(reader.Position == _rawBits, "raw", _rawCount);
        _rawTail = codec;
        _hourlyFirstIndex = ValidateBuckets(_hourly, _hourlyBits, _hourlyCount, SecondsPerHour, "hourly");
        ValidateBuckets(_daily, _dailyBits, _dailyCount, SecondsPerDay, "daily");
    }

    private static long ValidateBuckets(byte[] buffer, int bits, int count, long size, string tier)
    {
        var reader = new BitReader(buffer, bits);
        var codec = BucketCodec.Start;
        var first = 0L;
        var previous = long.MinValue;
        for (var i = 0; i < count; i++)
        {
            var bucket = codec.Read(ref reader);
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

        CheckRecord(reader.Position == bits, tier, count);
        return first;
    }

    private static void CheckRecord(bool valid, string tier, int index)
    {
        if (!valid)
        {
            throw new FormatException($"The {tier} tier is malformed at record {index}.");
        }
    }

    private void AppendRaw(in RawPoint point)
    {
        if (_rawCount == 0)
        {
            _rawTail = default;
            _rawFirstTime = point.Time;
        }

        var writer = new BitWriter(_raw, _rawBits);
        _rawTail.Write(ref writer, point);
        _raw = writer.Buffer;
        _rawBits = writer.BitLength;
        _rawCount++;
    }

    private void EncodeRaw(List<RawPoint> points, int start)
    {
        var writer = new BitWriter(new byte[Math.Max(16, _raw.Length)], 0);
        var codec = default(PointCodec);
        for (var i = start; i < points.Count; i++)
        {
            codec.Write(ref writer, points[i]);
        }

        _raw = writer.Buffer;
        _rawBits = writer.BitLength;
        _rawCount = points.Count - start;
        _rawTail = codec;
        _rawFirstTime = _rawCount > 0 ? points[start].Time : 0;
    }

    private List<RawPoint> DecodeRaw()
    {
        var points = new List<RawPoint>(_rawCount + 1);
        var reader = new BitReader(_raw, _rawBits);
        var codec = default(PointCodec);
        for (var i = 0; i < _rawCount; i++)
        {
            points.Add(codec.Read(ref reader));
        }

        return points;
    }

    private List<Bucket> DecodeHourly() => DecodeBuckets(_hourly, _hourlyBits, _hourlyCount);

    private List<Bucket> DecodeDaily() => DecodeBuckets(_daily, _dailyBits, _dailyCount);

    private static List<Bucket> DecodeBuckets(byte[] buffer, int bits, int count)
    {
        var buckets = new List<Bucket>(count + 32);
        var reader = new BitReader(buffer, bits);
        var codec = BucketCodec.Start;
        for (var i = 0; i < count; i++)
        {
            buckets.Add(codec.Read(ref reader));
        }

        return buckets;
    }

    /// <summary>Moves whole days older than the raw retention to the hourly tier, and those older than the hourly retention to the daily tier.</summary>
    private void MigrateIfDue()
    {
        if (_rawCount == 0)
        {
            return;
        }

        var latest = _rawTail.PreviousTime;
        List<Bucket>? hourly = null;
        var rawCutoff = FloorDiv(latest - _rawRetention, SecondsPerDay) * SecondsPerDay;
        if (_rawFirstTime < rawCutoff)
        {
            var points = DecodeRaw();
            var keepFrom = FindInsertPosition(points, rawCutoff);
            hourly = DecodeHourly();
            Bucket.RollUp(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(points)[..keepFrom], SecondsPerHour, hourly);
            EncodeRaw(points, keepFrom);
        }

        var hourlyCutoffDay = FloorDiv(latest - _hourlyRetention, SecondsPerDay);
        var hourlyCount = hourly?.Count ?? _hourlyCount;
        var hourlyFirstIndex = hourly is { Count: > 0 } ? hourly[0].Index : _hourlyFirstIndex;
        if (hourlyCount > 0 && FloorDiv(hourlyFirstIndex, 24) < hourlyCutoffDay)
        {
            hourly ??= DecodeHourly();
            var move = 0;
            while (move < hourly.Count && FloorDiv(hourly[move].Index, 24) < hourlyCutoffDay)
            {
                move++;
            }

            var days = new List<Bucket>();
            Bucket.RollUp(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(hourly)[..move], SecondsPerHour, SecondsPerDay, days);
            AppendDaily(days);
            hourly.RemoveRange(0, move);
        }

        if (hourly is not null)
        {
            var writer = new BitWriter(new byte[Math.Max(16, _hourly.Length)], 0);
            var codec = BucketCodec.Start;
            foreach (var bucket in hourly)
            {
                codec.Write(ref writer, bucket);
            }

            _hourly = writer.ToTrimmedArray();
            _hourlyBits = writer.BitLength;
            _hourlyCount = hourly.Count;
            _hourlyFirstIndex = hourly.Count > 0 ? hourly[0].Index : 0;
        }
    }

    private void AppendDaily(List<Bucket> days)
    {
        // Walk to the end of the daily tier to recover the codec state, then append.
        var reader = new BitReader(_daily, _dailyBits);
        var codec = BucketCodec.Start;
        for (var i = 0; i < _dailyCount; i++)
        {
            codec.Read(ref reader);
        }

        var writer = new BitWriter(_daily, _dailyBits);
        foreach (var day in days)
        {
            codec.Write(ref writer, day);
        }

        _daily = writer.ToTrimmedArray();
        _dailyBits = writer.BitLength;
        _dailyCount += days.Count;
    }

    private static int FindInsertPosition(List<RawPoint> points, long time)
    {
        int lo = 0, hi = points.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (points[mid].Time < time)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static void AddOverlapping(List<Bucket> buckets, long size, long start, long end, List<SeriesPoint> into)
    {
        foreach (var bucket in buckets)
        {
            var bucketStart = bucket.Index * size;
            if (bucketStart <= end && bucketStart + size > start)
            {
                into.Add(bucket.ToSeriesPoint(size));
            }
        }
    }

    private static SeriesPoint? LastEndingBy(List<Bucket> buckets, long size, long time)
    {
        for (var i = buckets.Count - 1; i >= 0; i--)
        {
            if (buckets[i].LastTime(size) <= time)
            {
                var bucket = buckets[i];
                var at = ToTimestamp(bucket.LastTime(size));
                return new SeriesPoint(at, bucket.Last, bucket.Following, bucket.Posts, bucket.Last, bucket.Last, at, at, 1);
            }
        }

        return null;
    }

    private static string Show(long? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
