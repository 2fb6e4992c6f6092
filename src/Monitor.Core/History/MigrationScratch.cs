namespace Monitor.Core.History;

/// <summary>
/// Per-thread lists that tier migration fills and empties within one synchronous call, reused instead of allocated (and
/// grown) on every append that crosses a day. A list that grew past <see cref="MaxKeptCapacity"/> (a long replay) is
/// replaced, so a thread keeps at most a few small lists.
/// </summary>
internal static class MigrationScratch
{
    private const int MaxKeptCapacity = 4_096;

    [ThreadStatic]
    private static List<RawPoint>? t_points;

    [ThreadStatic]
    private static List<Bucket>? t_buckets0;

    [ThreadStatic]
    private static List<Bucket>? t_buckets1;

    /// <summary>An empty point list for this thread.</summary>
    public static List<RawPoint> Points() => Reset(ref t_points);

    /// <summary>Empty bucket list number <paramref name="slot"/> (0 or 1) for this thread.</summary>
    public static List<Bucket> Buckets(int slot) => slot == 0 ? Reset(ref t_buckets0) : Reset(ref t_buckets1);

    private static List<T> Reset<T>(ref List<T>? list)
    {
        if (list is null || list.Capacity > MaxKeptCapacity)
        {
            list = new List<T>(64);
        }

        list.Clear();
        return list;
    }
}
