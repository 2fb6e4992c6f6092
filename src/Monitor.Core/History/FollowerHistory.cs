using System.Buffers;
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
    private readonly FollowerHistoryOptions _options;

    private EncodedSeries<RawPoint, PointCodec> _raw = new();
    private EncodedSeries<Bucket, BucketCodec> _hourly = new();
    private EncodedSeries<Bucket, BucketCodec> _daily = new();
    private long _rawFirstTime;
    private long _hourlyFirstIndex;

    /// <summary>Creates an empty history with the given tier settings (defaults when null).</summary>
    public FollowerHistory(FollowerHistoryOptions? options = null)
    {
        _options = (options ?? FollowerHistoryOptions.Default).Validate();
    }

    /// <summary>The tier settings.</summary>
    public FollowerHistoryOptions Options => _options;

    /// <summary>True until the first point is stored.</summary>
    public bool IsEmpty => _raw.Count == 0;

    /// <summary>The latest stored point, or null when empty.</summary>
    public SeriesPoint? Latest => _raw.Count == 0 ? null : _raw.Tail.Last.ToSeriesPoint();

    /// <summary>How many raw points are stored.</summary>
    public int RawCount => _raw.Count;

    /// <summary>How many hourly roll-ups are stored (hours older than the raw tier).</summary>
    public int HourlyCount => _hourly.Count;

    /// <summary>How many daily roll-ups are stored (days older than the hourly tier).</summary>
    public int DailyCount => _daily.Count;

    /// <summary>Bytes held by the three encoded tiers (their buffers, including spare capacity).</summary>
    public int BufferBytes => _raw.Capacity + _hourly.Capacity + _daily.Capacity;

    /// <summary>Stores the observations' counts; see <see cref="Append(IEnumerable{FollowerSample})"/>.</summary>
    public AppendResult Append(IEnumerable<Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);

        // An array, so the batch is sized once (Select over a list keeps its count).
        return Append(observations.Select(o => o.ToSample()).ToArray());
    }

    /// <summary>
    /// Stores a batch. The batch is taken in time order (ties in submission order), so a batch that arrives shuffled is
    /// handled like a sorted one. Returns the stored samples in time order, the duplicate count and the rejections.
    /// </summary>
    public AppendResult Append(IEnumerable<FollowerSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples is not ICollection<FollowerSample> collection)
        {
            return Append(samples.ToList());
        }

        // The sort buffer comes from the pool: every batch of every account passes through here.
        var rented = ArrayPool<(RawPoint Point, int Index, FollowerSample Sample)>.Shared.Rent(collection.Count);
        try
        {
            var batch = rented.AsSpan(0, collection.Count);
            var next = 0;
            var inOrder = true;
            foreach (var sample in samples)
            {
                batch[next] = (RawPoint.From(sample), next, sample);
                inOrder &= next == 0 || batch[next - 1].Point.Time <= batch[next].Point.Time;
                next++;
            }

            if (!inOrder)
            {
                // Equal seconds keep submission order (the index breaks ties), so "the first one wins" means the first submitted.
                batch.Sort(static (a, b) => a.Point.Time != b.Point.Time ? a.Point.Time.CompareTo(b.Point.Time) : a.Index.CompareTo(b.Index));
            }

            return AppendSorted(batch);
        }
        finally
        {
            ArrayPool<(RawPoint Point, int Index, FollowerSample Sample)>.Shared.Return(rented);
        }
    }

    private AppendResult AppendSorted(ReadOnlySpan<(RawPoint Point, int Index, FollowerSample Sample)> batch)
    {
        var added = new List<FollowerSample>(batch.Length);
        List<RejectedSample>? rejected = null;
        var duplicates = 0;
        List<RawPoint>? decoded = null;

        foreach (var (point, index, sample) in batch)
        {
            var count = decoded?.Count ?? _raw.Count;
            var latest = decoded is not null ? decoded[^1] : _raw.Tail.Last;
            if (count == 0 || point.Time > latest.Time)
            {
                if (decoded is not null)
                {
                    decoded.Add(point);
                }
                else
                {
                    if (_raw.Count == 0)
                    {
                        _rawFirstTime = point.Time;
                    }

                    _raw.Append(point);
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
                decoded ??= _raw.DecodeAll();
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

            if (point.Time < latest.Time - (long)_options.OutOfOrderWindow.TotalSeconds)
            {
                (rejected ??= []).Add(new RejectedSample(index, sample, RejectionReason.TooOld,
                    $"Timestamp {ToTimestamp(point.Time):O} is more than {_options.OutOfOrderWindow} before the latest point {ToTimestamp(latest.Time):O}."));
                continue;
            }

            decoded ??= _raw.DecodeAll();
            if (position < 0)
            {
                position = FindInsertPosition(decoded, point.Time);
            }

            decoded.Insert(position, point);
            added.Add(point.ToSample());
        }

        if (decoded is not null)
        {
            _raw.Rebuild(decoded);
            _rawFirstTime = decoded[0].Time;
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

        return TierRangeQuery.Run(_raw, _hourly, _daily, ToSeconds(from), ToSeconds(to), resolution);
    }

    /// <summary>
    /// The latest observation at or before <paramref name="time"/>: a raw point, or else the last observation of the latest
    /// roll-up that ended by then (its <see cref="SeriesPoint.Last"/> is when it was observed). Null when there is none.
    /// </summary>
    public SeriesPoint? LatestAtOrBefore(DateTimeOffset time)
    {
        if (_raw.Count == 0)
        {
            return null;
        }

        var t = ToSeconds(time);
        if (_raw.Tail.PreviousTime <= t)
        {
            return _raw.Tail.Last.ToSeriesPoint();
        }

        if (_rawFirstTime <= t)
        {
            return LastRawAtOrBefore(t);
        }

        return LastEndingBy(ref _hourly, SecondsPerHour, t) ?? LastEndingBy(ref _daily, SecondsPerDay, t);
    }

    /// <summary>The compact form (<see cref="FollowerHistoryFormat"/>).</summary>
    public byte[] Serialize() => FollowerHistoryFormat.Write(new FollowerHistoryTiers(_raw, _hourly, _daily, _rawFirstTime, _hourlyFirstIndex), BufferBytes);

    /// <summary>Restores a history from <see cref="Serialize"/>; throws <see cref="FormatException"/> when the data is malformed.</summary>
    public static FollowerHistory Deserialize(ReadOnlySpan<byte> data, FollowerHistoryOptions? options = null)
    {
        var tiers = FollowerHistoryFormat.Read(data);
        return new FollowerHistory(options)
        {
            _raw = tiers.Raw,
            _hourly = tiers.Hourly,
            _daily = tiers.Daily,
            _rawFirstTime = tiers.RawFirstTime,
            _hourlyFirstIndex = tiers.HourlyFirstIndex,
        };
    }

    /// <summary>Moves whole days older than the raw retention to the hourly tier, and those older than the hourly retention to the daily tier.</summary>
    private void MigrateIfDue()
    {
        if (_raw.Count == 0)
        {
            return;
        }

        var latest = _raw.Tail.PreviousTime;
        var rawCutoff = FloorDiv(latest - (long)_options.RawRetention.TotalSeconds, SecondsPerDay) * SecondsPerDay;
        if (_rawFirstTime < rawCutoff)
        {
            TierMigration.RawToHourly(ref _raw, ref _rawFirstTime, ref _hourly, ref _hourlyFirstIndex, rawCutoff);
        }

        var hourlyCutoffDay = FloorDiv(latest - (long)_options.HourlyRetention.TotalSeconds, SecondsPerDay);
        if (_hourly.Count > 0 && FloorDiv(_hourlyFirstIndex, 24) < hourlyCutoffDay)
        {
            TierMigration.HourlyToDaily(ref _hourly, ref _hourlyFirstIndex, ref _daily, hourlyCutoffDay);
        }
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

    // Growth metrics ask for several points per summary: a forward scan from the nearest mark that stops past the time.
    private SeriesPoint LastRawAtOrBefore(long time)
    {
        var reader = _raw.GetReaderNear(new PointAtOrBefore(time));
        reader.TryRead(out var found);
        while (reader.TryRead(out var point) && point.Time <= time)
        {
            found = point;
        }

        return found.ToSeriesPoint();
    }

    // Buckets are in time order and a bucket's last observation lies inside it, so last times only grow.
    private static SeriesPoint? LastEndingBy(ref EncodedSeries<Bucket, BucketCodec> tier, long size, long time)
    {
        var reader = tier.GetReaderNear(new BucketEndingBy(size, time));
        Bucket? found = null;
        while (reader.TryRead(out var bucket) && bucket.LastTime(size) <= time)
        {
            found = bucket;
        }

        if (found is not { } last)
        {
            return null;
        }

        var at = ToTimestamp(last.LastTime(size));
        return new SeriesPoint(at, last.Last, last.Following, last.Posts, last.Last, last.Last, at, at, 1);
    }

    private static string Show(long? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
