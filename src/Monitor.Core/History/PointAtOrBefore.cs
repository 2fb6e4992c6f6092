namespace Monitor.Core.History;

/// <summary>Raw points at or before <paramref name="Time"/> (seconds).</summary>
internal readonly record struct PointAtOrBefore(long Time) : IRecordBound<RawPoint>
{
    public bool Includes(in RawPoint record) => record.Time <= Time;
}
