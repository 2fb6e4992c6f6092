using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// The rate over the last day, updated at every observation, with the few largest steps trimmed: a whole day covers the
/// daily rhythm, and trimming the <see cref="TrimmedSteps"/> largest steps down to the median step leaves a burst of a few
/// hours (a spike) out while a surge, which raises every step, still shows. Keeps points at least
/// <see cref="MinSpacing"/> apart, so dense sampling is thinned and the state stays small.
/// </summary>
internal sealed class TrailingDayRate
{
    /// <summary>How many of the largest steps in the day are trimmed.</summary>
    public const int TrimmedSteps = 4;

    /// <summary>The fewest steps a day must have (sampling at least every two hours).</summary>
    public const int MinSteps = 12;

    private const int Capacity = 64;
    private static readonly long MinSpacing = TimeSpan.FromMinutes(30).Ticks;
    private static readonly long Day = TimeSpan.TicksPerDay;

    private readonly TimedDeque _points = new(Capacity);

    /// <summary>Takes an observation; one closer than <see cref="MinSpacing"/> to the last kept point is skipped.</summary>
    public void Add(long ticks, long followers)
    {
        if (_points.Count > 0 && ticks - _points.TimeAt(_points.Count - 1) < MinSpacing)
        {
            return;
        }

        _points.PushBack(ticks, followers);

        // Keep one point at or before a day ago as the base.
        while (_points.Count > 1 && _points.TimeAt(1) <= ticks - Day)
        {
            _points.PopFront();
        }
    }

    /// <summary>The untrimmed rate over the same span as <see cref="TryRate"/>, in constant time: an upper bound of the trimmed one.</summary>
    public bool TryUpperBound(out double rate)
    {
        rate = 0;
        var last = _points.Count - 1;
        if (last < MinSteps || _points.TimeAt(last) - _points.TimeAt(0) < Day)
        {
            return false;
        }

        rate = (_points.ValueAt(last) - _points.ValueAt(0)) / ((_points.TimeAt(last) - _points.TimeAt(0)) / (double)Day);
        return true;
    }

    /// <summary>
    /// The trimmed rate (per day) from the base point, a day or a little more before the latest, to the latest; false when
    /// the day is not covered by at least <see cref="MinSteps"/> steps.
    /// </summary>
    public bool TryRate(out double rate, out long baseTicks, out long baseFollowers)
    {
        rate = 0;
        baseTicks = 0;
        baseFollowers = 0;
        var last = _points.Count - 1;
        if (last < MinSteps || _points.TimeAt(last) - _points.TimeAt(0) < Day)
        {
            return false;
        }

        baseTicks = _points.TimeAt(0);
        baseFollowers = (long)_points.ValueAt(0);
        rate = TrimmedRate(0, last, TrimmedSteps);
        return true;
    }

    /// <summary>
    /// The trimmed rate (per day) over the last half day: how fast the count moves now, where the day's rate still carries
    /// the hours before a rise began. False when the half day is not covered by at least half of <see cref="MinSteps"/> steps.
    /// </summary>
    public bool TryHalfDayRate(out double rate)
    {
        rate = 0;
        var last = _points.Count - 1;
        if (last < MinSteps)
        {
            return false;
        }

        // The base: the last point at or before half a day ago.
        var from = _points.FirstAtOrAfter(_points.TimeAt(last) - (Day / 2) + 1) - 1;
        if (from < 0 || last - from < MinSteps / 2)
        {
            return false;
        }

        rate = TrimmedRate(from, last, TrimmedSteps / 2);
        return true;
    }

    // The rate from point `from` to point `last` with the `trimmed` largest steps cut to the median step.
    private double TrimmedRate(int from, int last, int trimmed)
    {
        var count = last - from;
        Span<double> steps = stackalloc double[count];
        for (var i = 0; i < count; i++)
        {
            steps[i] = _points.ValueAt(from + i + 1) - _points.ValueAt(from + i);
        }

        Span<double> sorted = stackalloc double[count];
        VectorCount.SortInto(steps, sorted);
        var median = sorted[count / 2];
        var excess = 0.0;
        for (var i = count - 1; i >= count - trimmed; i--)
        {
            excess += Math.Max(0, sorted[i] - median);
        }

        var days = (_points.TimeAt(last) - _points.TimeAt(from)) / (double)Day;
        return (_points.ValueAt(last) - _points.ValueAt(from) - excess) / days;
    }

    public void Write(ByteWriter writer) => _points.Write(writer);

    public void Read(ref ByteReader reader) => _points.Read(ref reader);
}
