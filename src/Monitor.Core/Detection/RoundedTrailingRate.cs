using Monitor.Core.Accounts;
using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// On a rounded series, the counts at which the count changed over the last <see cref="Span"/>, and the least rate over
/// the last day or two that the rounding allows. A rounded count is flat between changes, so its change points are the
/// whole series: a quiet channel keeps a handful, where the hourly points of <see cref="TrailingDayRate"/> would trim a
/// rounded series to nothing (its steps are zero or a whole rounding step, so the median step is zero). The largest gain
/// made within <see cref="BurstSpan"/>, when more than one rounding step, is left out, so a burst of a few hours (a spike)
/// does not read as a surge, while a surge, which gains in every hour, still shows.
/// </summary>
internal sealed class RoundedTrailingRate
{
    /// <summary>Steps this close together are one burst (a three-hour burst of hourly points with a few minutes of jitter).</summary>
    public static readonly TimeSpan BurstSpan = TimeSpan.FromHours(4);

    /// <summary>How far back change points are kept: the longest window judged.</summary>
    public static readonly TimeSpan Span = TimeSpan.FromDays(2);

    // A count that changes at every hourly observation for two days is 48 points; beyond this the series is fine-grained
    // enough for the day-rate CUSUM, and the oldest points go.
    private const int Capacity = 64;

    /// <summary>Points kept whatever their age: the last three intervals of a sparsely sampled series (<see cref="TryLeastOfLast"/>).</summary>
    public const int MinPoints = 4;

    private static readonly long SpanTicks = Span.Ticks;
    private static readonly long BurstSpanTicks = BurstSpan.Ticks;

    private readonly TimedDeque _points = new(Capacity);

    /// <summary>Takes an observation whose count differs from the previous one.</summary>
    public void Add(long ticks, long followers)
    {
        _points.PushBack(ticks, followers);

        // Keep one point at or before the span's start as the base: the count it shows held until the next point.
        while (_points.Count > MinPoints && _points.TimeAt(1) <= ticks - SpanTicks)
        {
            _points.PopFront();
        }
    }

    public void Clear()
    {
        while (_points.Count > 0)
        {
            _points.PopFront();
        }
    }

    /// <summary>
    /// The least rate (per day) over the last <paramref name="window"/> up to the latest point that the rounding allows, with
    /// the largest burst left out; false when the points do not reach back that far. The window's start is taken at the
    /// count the series showed then (<paramref name="baseFollowers"/>).
    /// </summary>
    public bool TryLeastRate(TimeSpan window, CountResolution resolution, out double least, out long baseTicks, out long baseFollowers)
    {
        least = 0;
        baseTicks = 0;
        baseFollowers = 0;
        var last = _points.Count - 1;
        if (last < 1)
        {
            return false;
        }

        var latestTicks = _points.TimeAt(last);
        baseTicks = latestTicks - window.Ticks;
        var from = _points.FirstAtOrAfter(baseTicks + 1) - 1;
        if (from < 0)
        {
            return false;
        }

        var latest = (long)_points.ValueAt(last);
        baseFollowers = (long)_points.ValueAt(from);
        var roundingStep = 2 * resolution.HalfStep(latest);
        var burst = LargestBurst(from, last);

        // Each end is within half a step of the true count (a whole step for rounding down: the difference is the same). A
        // gain of one step in a few hours is rounding; a larger one is a burst, left out at the cost of its own rounding.
        var rounding = resolution.HalfStep(baseFollowers) + resolution.HalfStep(latest);
        if (burst > roundingStep)
        {
            rounding += roundingStep;
        }
        else
        {
            burst = 0;
        }

        least = (latest - baseFollowers - burst - rounding) / window.TotalDays;
        return true;
    }

    /// <summary>
    /// The least rate (per day) the rounding allows over each of the last <paramref name="intervals"/> intervals between
    /// change points, the smallest of them: on a series sampled once a day a one-day jump raises one interval (two when the
    /// burst straddles a sample), a surge every one. False without enough change points. The first interval's start is
    /// <paramref name="baseTicks"/> and <paramref name="baseFollowers"/>.
    /// </summary>
    public bool TryLeastOfLast(int intervals, CountResolution resolution, out double least, out long baseTicks, out long baseFollowers)
    {
        least = double.MaxValue;
        var first = _points.Count - 1 - intervals;
        baseTicks = first >= 0 ? _points.TimeAt(first) : 0;
        baseFollowers = first >= 0 ? (long)_points.ValueAt(first) : 0;
        if (first < 0)
        {
            least = 0;
            return false;
        }

        for (var i = first; i < _points.Count - 1; i++)
        {
            least = Math.Min(least, LeastRate(i, i + 1, resolution));
        }

        return true;
    }

    // Two rounded counts are each within half a step of the true count, so their difference is within one step of the true gain.
    private double LeastRate(int from, int to, CountResolution resolution)
    {
        var rounding = resolution.HalfStep((long)_points.ValueAt(from)) + resolution.HalfStep((long)_points.ValueAt(to));
        var days = (_points.TimeAt(to) - _points.TimeAt(from)) / (double)TimeSpan.TicksPerDay;
        return (_points.ValueAt(to) - _points.ValueAt(from) - rounding) / days;
    }

    /// <summary>Writes the points as time and count deltas: a quiet rounded channel costs a few bytes.</summary>
    public void Write(ByteWriter writer)
    {
        writer.WriteVarUInt((ulong)_points.Count);
        long previousTicks = 0, previousFollowers = 0;
        for (var i = 0; i < _points.Count; i++)
        {
            var ticks = _points.TimeAt(i);
            var followers = (long)_points.ValueAt(i);
            writer.WriteVarInt(ticks - previousTicks);
            writer.WriteVarInt(followers - previousFollowers);
            previousTicks = ticks;
            previousFollowers = followers;
        }
    }

    public void Read(ref ByteReader reader)
    {
        Clear();
        var count = reader.ReadCount(Capacity, "Rounded change points");
        long ticks = 0, followers = 0;
        for (var i = 0; i < count; i++)
        {
            ticks += reader.ReadVarInt();
            followers += reader.ReadVarInt();
            _points.PushBack(ticks, followers);
        }
    }

    // The largest gain made by steps within BurstSpan of each other (a two-pointer sweep over the change points).
    private double LargestBurst(int from, int last)
    {
        var largest = 0.0;
        var first = from + 1;
        for (var i = from + 1; i <= last; i++)
        {
            while (_points.TimeAt(i) - _points.TimeAt(first) > BurstSpanTicks)
            {
                first++;
            }

            largest = Math.Max(largest, _points.ValueAt(i) - _points.ValueAt(first - 1));
        }

        return largest;
    }
}
