using Monitor.Core.History;

namespace Monitor.Core.Growth;

/// <summary>
/// An account's latest counts and growth over 1, 7 and 30 days as of a given time, computed from its history. Missing data
/// yields null, never zero.
/// </summary>
public sealed record GrowthMetrics(
    DateTimeOffset AsOf,
    DateTimeOffset? LatestAt,
    long? Followers,
    long? Following,
    long? Posts,
    WindowGrowth Day,
    WindowGrowth Week,
    WindowGrowth Month,
    double? FollowersPerPost,
    long? ProjectedFollowers30d)
{
    /// <summary>The windows reported, shortest first.</summary>
    public static IReadOnlyList<TimeSpan> Windows { get; } = [TimeSpan.FromDays(1), TimeSpan.FromDays(7), TimeSpan.FromDays(30)];

    /// <summary>
    /// Computes the metrics at <paramref name="now"/> from the latest observation at or before it. For each window the
    /// reference is the latest observation at or before <c>now - window</c> (which may be older when data is sparse; see
    /// <see cref="WindowGrowth.Since"/>); the rate is the change divided by the days between the two observations. The
    /// projection extends the 30-day rate 30 days past the latest observation.
    /// </summary>
    public static GrowthMetrics Compute(FollowerHistory history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.LatestAtOrBefore(now) is not { } latest)
        {
            return new GrowthMetrics(now, null, null, null, null,
                WindowGrowth.Missing(Windows[0]), WindowGrowth.Missing(Windows[1]), WindowGrowth.Missing(Windows[2]), null, null);
        }

        var day = Over(history, latest, now, Windows[0]);
        var week = Over(history, latest, now, Windows[1]);
        var month = Over(history, latest, now, Windows[2]);
        double? perPost = latest.Posts is > 0 and { } posts ? (double)latest.Followers / posts : null;
        long? projected = month.RatePerDay is { } rate ? latest.Followers + (long)Math.Round(rate * 30) : null;
        return new GrowthMetrics(now, latest.Last, latest.Followers, latest.Following, latest.Posts, day, week, month, perPost, projected);
    }

    private static WindowGrowth Over(FollowerHistory history, SeriesPoint latest, DateTimeOffset now, TimeSpan window)
    {
        if (history.LatestAtOrBefore(now - window) is not { } reference || reference.Last >= latest.Last)
        {
            return WindowGrowth.Missing(window);
        }

        var change = latest.Followers - reference.Followers;
        var days = (latest.Last - reference.Last).TotalDays;
        double? relative = reference.Followers > 0 ? (double)change / reference.Followers : null;
        return new WindowGrowth(window, reference.Last, change, change / days, relative);
    }
}
