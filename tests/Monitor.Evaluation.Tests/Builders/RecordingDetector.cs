using Monitor.Evaluation.Detection;

namespace Monitor.Evaluation.Tests.Builders;

/// <summary>
/// A fake detector: records every call, scores each observation with a function of its follower count, and opens the
/// episodes it is scripted to open when the observation or clock reaches their opening time.
/// </summary>
internal sealed class RecordingDetector(Func<long, double>? score = null) : IScoredDetector
{
    private readonly List<DetectedEpisode> _scripted = [];
    private readonly List<DetectedEpisode> _opened = [];

    public List<(DateTimeOffset Time, long Followers)> Observations { get; } = [];

    public List<DateTimeOffset> StallChecks { get; } = [];

    public IReadOnlyList<DetectedEpisode> Episodes => _opened;

    public RecordingDetector Opens(DetectedEpisode episode)
    {
        _scripted.Add(episode);
        return this;
    }

    public double Observe(DateTimeOffset timestamp, long followers)
    {
        Observations.Add((timestamp, followers));
        OpenDue(timestamp);
        return score?.Invoke(followers) ?? 0;
    }

    public void CheckStall(DateTimeOffset now)
    {
        StallChecks.Add(now);
        OpenDue(now);
    }

    private void OpenDue(DateTimeOffset now)
    {
        foreach (var episode in _scripted.Where(episode => episode.OpenedAt <= now).ToList())
        {
            _opened.Add(episode);
            _scripted.Remove(episode);
        }
    }
}
