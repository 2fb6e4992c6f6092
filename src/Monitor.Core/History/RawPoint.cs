namespace Monitor.Core.History;

/// <summary>One stored observation on the history's clock (seconds since 2006).</summary>
internal readonly record struct RawPoint(long Time, long Followers, long? Following, long? Posts)
{
    public static RawPoint From(FollowerSample sample) => new(HistoryClock.ToSeconds(sample.Timestamp), sample.Followers, sample.Following, sample.Posts);

    public bool SameCounts(in RawPoint other) => Followers == other.Followers && Following == other.Following && Posts == other.Posts;

    public FollowerSample ToSample() => new(HistoryClock.ToTimestamp(Time), Followers, Following, Posts);

    public SeriesPoint ToSeriesPoint()
    {
        var at = HistoryClock.ToTimestamp(Time);
        return new SeriesPoint(at, Followers, Following, Posts, Followers, Followers, at, at, 1);
    }
}
