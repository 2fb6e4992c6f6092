using Monitor.Core.Alerts;
using Monitor.Core.Detection;

namespace Monitor.Evaluation.Detection;

/// <summary>
/// The one place the evaluator touches Monitor.Core's detector: feeds <see cref="AccountDetector"/>, reads its
/// <see cref="AccountDetector.LastAnomalyScore"/>, and turns its episode changes into <see cref="DetectedEpisode"/>s.
/// </summary>
internal sealed class CoreDetectorAdapter(DetectorSettings settings) : IScoredDetector
{
    private readonly AccountDetector _detector = new(settings);
    private readonly List<DetectedEpisode> _episodes = [];
    private readonly Dictionary<string, int> _indexById = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public IReadOnlyList<DetectedEpisode> Episodes => _episodes;

    /// <inheritdoc />
    public double Observe(DateTimeOffset timestamp, long followers)
    {
        Apply(_detector.Observe(timestamp, followers), timestamp);
        return _detector.LastAnomalyScore;
    }

    /// <inheritdoc />
    public void CheckStall(DateTimeOffset now) => Apply(_detector.CheckStall(now), now);

    private void Apply(IReadOnlyList<EpisodeChange> changes, DateTimeOffset now)
    {
        foreach (var change in changes)
        {
            var episode = change.Episode;
            switch (change.Type)
            {
                case EpisodeChangeType.Opened:
                    _indexById[episode.Id] = _episodes.Count;
                    _episodes.Add(new DetectedEpisode(Map(episode.Kind), episode.Start, now, episode.End));
                    break;
                case EpisodeChangeType.Updated when _indexById.TryGetValue(episode.Id, out var updated):
                    // A spike that turns out to be sustained escalates to a surge under the same id.
                    _episodes[updated] = _episodes[updated] with { Kind = Map(episode.Kind) };
                    break;
                case EpisodeChangeType.Resolved when _indexById.TryGetValue(episode.Id, out var index):
                    _episodes[index] = _episodes[index] with { End = episode.End ?? now };
                    break;
                default:
                    break;
            }
        }
    }

    private static EventKind Map(AlertKind kind) => kind switch
    {
        AlertKind.Spike => EventKind.Spike,
        AlertKind.Surge => EventKind.Surge,
        AlertKind.Drop => EventKind.Drop,
        AlertKind.Stall => EventKind.Stall,
        AlertKind.Unavailable => EventKind.Unavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown alert kind."),
    };
}
