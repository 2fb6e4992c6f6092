using static Monitor.Core.History.HistoryClock;

namespace Monitor.Core.History;

/// <summary>
/// The points of a <see cref="FollowerHistory"/>'s tiers overlapping a range at a resolution: the raw tier as it is, or the
/// finer tiers rolled up to hours or days on the fly.
/// </summary>
internal static class TierRangeQuery
{
    /// <summary>See <see cref="FollowerHistory.Query"/>; <paramref name="start"/> and <paramref name="end"/> are in seconds.</summary>
    public static List<SeriesPoint> Run(
        in EncodedSeries<RawPoint, PointCodec> raw, in EncodedSeries<Bucket, BucketCodec> hourly, in EncodedSeries<Bucket, BucketCodec> daily,
        long start, long end, Resolution resolution)
    {
        var result = new List<SeriesPoint>();
        switch (resolution)
        {
            case Resolution.Raw:
                foreach (var point in raw.DecodeAll())
                {
                    if (point.Time >= start && point.Time <= end)
                    {
                        result.Add(point.ToSeriesPoint());
                    }
                }

                break;

            case Resolution.Hour:
            {
                var hours = hourly.DecodeAll();
                Bucket.RollUp(raw.DecodeAll().ToArray(), SecondsPerHour, hours);
                AddOverlapping(hours, SecondsPerHour, start, end, result);
                break;
            }

            case Resolution.Day:
            {
                var days = daily.DecodeAll();
                var hours = hourly.DecodeAll();
                Bucket.RollUp(raw.DecodeAll().ToArray(), SecondsPerHour, hours);
                Bucket.RollUp(hours.ToArray(), SecondsPerHour, SecondsPerDay, days);
                AddOverlapping(days, SecondsPerDay, start, end, result);
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Unknown resolution.");
        }

        return result;
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
}
