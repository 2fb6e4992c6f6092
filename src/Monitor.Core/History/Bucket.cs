namespace Monitor.Core.History;

/// <summary>A roll-up of the observations in one hour or day: first and last time, count, last counts, min and max followers.</summary>
internal struct Bucket
{
    public long Index;
    public int FirstOffset;
    public int LastOffset;
    public int Count;
    public long Last;
    public long Min;
    public long Max;
    public long? Following;
    public long? Posts;

    public readonly long FirstTime(long size) => (Index * size) + FirstOffset;

    public readonly long LastTime(long size) => (Index * size) + LastOffset;

    public static Bucket Of(in RawPoint point, long size)
    {
        var index = HistoryClock.FloorDiv(point.Time, size);
        var offset = (int)(point.Time - (index * size));
        return new Bucket
        {
            Index = index,
            FirstOffset = offset,
            LastOffset = offset,
            Count = 1,
            Last = point.Followers,
            Min = point.Followers,
            Max = point.Followers,
            Following = point.Following,
            Posts = point.Posts,
        };
    }

    /// <summary>Adds a later point of the same bucket.</summary>
    public void Add(in RawPoint point, long size)
    {
        LastOffset = (int)(point.Time - (Index * size));
        Count++;
        Last = point.Followers;
        Min = Math.Min(Min, point.Followers);
        Max = Math.Max(Max, point.Followers);
        Following = point.Following;
        Posts = point.Posts;
    }

    /// <summary>A coarser bucket (of <paramref name="size"/>) holding just <paramref name="child"/>.</summary>
    public static Bucket Of(in Bucket child, long childSize, long size)
    {
        var first = child.FirstTime(childSize);
        var index = HistoryClock.FloorDiv(first, size);
        return new Bucket
        {
            Index = index,
            FirstOffset = (int)(first - (index * size)),
            LastOffset = (int)(child.LastTime(childSize) - (index * size)),
            Count = child.Count,
            Last = child.Last,
            Min = child.Min,
            Max = child.Max,
            Following = child.Following,
            Posts = child.Posts,
        };
    }

    /// <summary>Adds a later child bucket that falls in this coarser bucket.</summary>
    public void Add(in Bucket child, long childSize, long size)
    {
        LastOffset = (int)(child.LastTime(childSize) - (Index * size));
        Count += child.Count;
        Last = child.Last;
        Min = Math.Min(Min, child.Min);
        Max = Math.Max(Max, child.Max);
        Following = child.Following;
        Posts = child.Posts;
    }

    public readonly SeriesPoint ToSeriesPoint(long size) => new(
        HistoryClock.ToTimestamp(Index * size),
        Last,
        Following,
        Posts,
        Min,
        Max,
        HistoryClock.ToTimestamp(FirstTime(size)),
        HistoryClock.ToTimestamp(LastTime(size)),
        Count);

    /// <summary>Rolls time-ordered points up into buckets of <paramref name="size"/> seconds.</summary>
    public static void RollUp(ReadOnlySpan<RawPoint> points, long size, List<Bucket> into)
    {
        Bucket current = default;
        var open = false;
        foreach (var point in points)
        {
            if (open && HistoryClock.FloorDiv(point.Time, size) == current.Index)
            {
                current.Add(point, size);
                continue;
            }

            if (open)
            {
                into.Add(current);
            }

            current = Of(point, size);
            open = true;
        }

        if (open)
        {
            into.Add(current);
        }
    }

    /// <summary>Rolls time-ordered buckets of <paramref name="childSize"/> up into buckets of <paramref name="size"/> seconds.</summary>
    public static void RollUp(ReadOnlySpan<Bucket> children, long childSize, long size, List<Bucket> into)
    {
        Bucket current = default;
        var open = false;
        foreach (var child in children)
        {
            if (open && HistoryClock.FloorDiv(child.FirstTime(childSize), size) == current.Index)
            {
                current.Add(child, childSize, size);
                continue;
            }

            if (open)
            {
                into.Add(current);
            }

            current = Of(child, childSize, size);
            open = true;
        }

        if (open)
        {
            into.Add(current);
        }
    }
}
