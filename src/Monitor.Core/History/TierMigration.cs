using System.Runtime.InteropServices;
using static Monitor.Core.History.HistoryClock;

namespace Monitor.Core.History;

/// <summary>
/// Moves whole days down a tier of a <see cref="FollowerHistory"/>: raw points to hourly roll-ups, hourly roll-ups to daily
/// ones. Only the moved records are decoded; the rest of each tier is kept as it is (see
/// <see cref="EncodedSeries{TRecord, TCodec}.DropFront"/>). The tiers are mutable structs held in the history's fields,
/// hence passed by reference.
/// </summary>
internal static class TierMigration
{
    /// <summary>Rolls the raw points before <paramref name="cutoff"/> (a day boundary, in seconds) up into the hourly tier.</summary>
    public static void RawToHourly(
        ref EncodedSeries<RawPoint, PointCodec> raw, ref long rawFirstTime,
        ref EncodedSeries<Bucket, BucketCodec> hourly, ref long hourlyFirstIndex, long cutoff)
    {
        var moving = MigrationScratch.Points();
        var reader = raw.GetReader();
        while (reader.TryRead(out var point) && point.Time < cutoff)
        {
            moving.Add(point);
        }

        var hours = MigrationScratch.Buckets(0);
        Bucket.RollUp(CollectionsMarshal.AsSpan(moving), SecondsPerHour, hours);
        if (hourly.Count == 0)
        {
            hourlyFirstIndex = hours[0].Index;
        }

        foreach (var hour in hours)
        {
            hourly.Append(hour);
        }

        raw.DropFront(moving.Count);
        rawFirstTime = raw.GetReader().TryRead(out var first) ? first.Time : 0;
    }

    /// <summary>Rolls the hourly roll-ups of days before <paramref name="cutoffDay"/> (a day number) up into the daily tier.</summary>
    public static void HourlyToDaily(
        ref EncodedSeries<Bucket, BucketCodec> hourly, ref long hourlyFirstIndex,
        ref EncodedSeries<Bucket, BucketCodec> daily, long cutoffDay)
    {
        var moving = MigrationScratch.Buckets(0);
        var reader = hourly.GetReader();
        while (reader.TryRead(out var hour) && FloorDiv(hour.Index, 24) < cutoffDay)
        {
            moving.Add(hour);
        }

        var days = MigrationScratch.Buckets(1);
        Bucket.RollUp(CollectionsMarshal.AsSpan(moving), SecondsPerHour, SecondsPerDay, days);
        foreach (var day in days)
        {
            daily.Append(day);
        }

        hourly.DropFront(moving.Count);
        hourlyFirstIndex = hourly.GetReader().TryRead(out var first) ? first.Index : 0;
    }
}
