using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Core.Alerts;
using Monitor.Core.Growth;
using Monitor.Core.History;
using Monitor.Grains.Alerts;
using Monitor.Grains.Observations;

namespace Monitor.Grains.Accounts;

/// <summary>Monitor.Core's history points, samples, growth windows and episodes as the DTOs that cross grain calls.</summary>
internal static class AccountDtoMapping
{
    /// <summary>A timestamp as the history (and so the log) stores it: UTC, whole seconds.</summary>
    public static DateTimeOffset ToSeconds(DateTimeOffset timestamp) =>
        new(timestamp.UtcTicks - (timestamp.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    public static HistoryPoint ToPoint(SeriesPoint point, HistoryResolution resolution) =>
        new(point.Timestamp, point.Followers, point.Following, point.Posts, point.Min, point.Max, resolution);

    public static ObservationRow ToRow(string account, FollowerSample sample, string? source) =>
        new(account, sample.Timestamp, sample.Followers, sample.Following, sample.Posts, source);

    public static GrowthWindow ToWindow(WindowGrowth? window) =>
        window is null ? new GrowthWindow(null, null, null) : new GrowthWindow(window.NetChange, window.RatePerDay, window.RelativeGrowth);

    public static EpisodeEvent ToEvent(EpisodeChange change, IReadOnlyList<string> groups) =>
        new(change.Type switch
        {
            EpisodeChangeType.Opened => AlertChangeNames.Opened,
            EpisodeChangeType.Resolved => AlertChangeNames.Resolved,
            _ => AlertChangeNames.Updated,
        }, ToView(change.Episode, groups));

    public static AlertView ToView(AlertEpisode episode, IReadOnlyList<string> groups) =>
        new(
            episode.Id,
            episode.Account?.ToString() ?? string.Empty,
            episode.Kind.ToString().ToLowerInvariant(),
            episode.Severity.ToString().ToLowerInvariant(),
            episode.End is null ? AlertStatuses.Open : AlertStatuses.Resolved,
            episode.Start,
            episode.PeakAt,
            episode.PeakFollowers,
            episode.End,
            episode.BaselineRatePerDay,
            episode.ObservedRatePerDay,
            episode.ZScore,
            episode.Change,
            episode.RelativeChange,
            groups,
            FirstKind: episode.FirstKind.ToString().ToLowerInvariant());
}
