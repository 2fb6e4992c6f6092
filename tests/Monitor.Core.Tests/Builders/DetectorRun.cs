using Monitor.Core.Accounts;
using Monitor.Core.Alerts;
using Monitor.Core.Detection;

namespace Monitor.Core.Tests.Builders;

/// <summary>Feeds a series through a detector (checking stalls every <c>stallCheck</c>) and collects what it reported.</summary>
internal sealed class DetectorRun
{
    private DetectorRun(List<EpisodeChange> changes, List<double> scores)
    {
        Changes = changes;
        Scores = scores;
    }

    public IReadOnlyList<EpisodeChange> Changes { get; }

    public IReadOnlyList<double> Scores { get; }

    /// <summary>Each episode as last reported, by id.</summary>
    public IReadOnlyList<AlertEpisode> Episodes => Changes.GroupBy(c => c.Episode.Id).Select(g => g.Last().Episode).ToList();

    public IReadOnlyList<AlertEpisode> EpisodesOf(AlertKind kind) => Episodes.Where(e => e.Kind == kind).ToList();

    /// <summary>Feeds <paramref name="series"/>; the first observation declares <paramref name="resolution"/> when given.</summary>
    public static DetectorRun Of(AccountDetector detector, IEnumerable<(DateTimeOffset Timestamp, long Followers)> series, TimeSpan? stallCheck = null, CountResolution? resolution = null)
    {
        var changes = new List<EpisodeChange>();
        var scores = new List<double>();
        DateTimeOffset? previous = null;
        foreach (var (timestamp, followers) in series)
        {
            if (stallCheck is { } every && previous is { } from)
            {
                for (var now = from + every; now < timestamp; now += every)
                {
                    changes.AddRange(detector.CheckStall(now));
                }
            }

            changes.AddRange(detector.Observe(timestamp, followers, previous is null ? resolution : null));
            scores.Add(detector.LastAnomalyScore);
            previous = timestamp;
        }

        return new DetectorRun(changes, scores);
    }

    public string Describe() => string.Join(Environment.NewLine, Changes.Select(c =>
        $"{c.Type} {c.Episode.Id} {c.Episode.Kind} {c.Episode.Severity} start={c.Episode.Start:u} end={c.Episode.End:u} at={c.Episode.UpdatedAt:u} z={c.Episode.ZScore:F1} change={c.Episode.Change} rel={c.Episode.RelativeChange:P2}"));
}
