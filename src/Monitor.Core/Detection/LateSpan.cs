using Monitor.Core.History;

namespace Monitor.Core.Detection;

/// <summary>Builds the span <see cref="AccountDetector.ObserveLate"/> judges from the stored history.</summary>
public static class LateSpan
{
    /// <summary>
    /// The stored points from the last one before the earliest late point through the first one after the latest, oldest
    /// first, with the late ones marked. Empty when there is no stored point before or after them.
    /// </summary>
    public static IReadOnlyList<SpanPoint> Around(FollowerHistory history, IReadOnlyCollection<DateTimeOffset> late)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(late);
        if (late.Count == 0 || history.Latest is not { } latest)
        {
            return [];
        }

        var earliest = late.Min();
        var last = late.Max();

        // History timestamps are whole seconds; the point before may already be rolled up (its Last is when it was observed).
        if (last >= latest.Timestamp || history.LatestAtOrBefore(earliest.AddSeconds(-1)) is not { } before)
        {
            return [];
        }

        var lateSet = late as IReadOnlySet<DateTimeOffset> ?? new HashSet<DateTimeOffset>(late);
        var span = new List<SpanPoint> { new(before.Last, before.Followers, false) };
        foreach (var point in history.Query(before.Last.AddSeconds(1), latest.Timestamp, Resolution.Raw))
        {
            var isLate = lateSet.Contains(point.Timestamp);
            span.Add(new SpanPoint(point.Timestamp, point.Followers, isLate));
            if (point.Timestamp > last && !isLate)
            {
                break;
            }
        }

        return span;
    }
}
