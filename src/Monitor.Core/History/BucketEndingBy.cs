namespace Monitor.Core.History;

/// <summary>Buckets of <paramref name="Size"/> seconds whose last observation is at or before <paramref name="Time"/>.</summary>
internal readonly record struct BucketEndingBy(long Size, long Time) : IRecordBound<Bucket>
{
    public bool Includes(in Bucket record) => record.LastTime(Size) <= Time;
}
