using Monitor.Core.Accounts;
using Monitor.Core.Alerts;
using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// Stalls: no data for longer than expected (<see cref="DetectorSettings.StallAfter"/>, else
/// <see cref="DetectorSettings.StallFactor"/> times the median sampling interval, at least <see cref="DetectorSettings.StallMinimum"/>).
/// At most one stall is open; the next observation resolves it.
/// </summary>
internal sealed class StallDetector(DetectorSettings settings, AccountKey? account)
{
    private readonly RollingRobustWindow _intervals = new(settings.StallIntervalWindow);

    /// <summary>The open stall, if any.</summary>
    public AlertEpisode? Open { get; private set; }

    /// <summary>An observation arrived: resolves the open stall and learns the sampling interval; returns the typical interval in days.</summary>
    public double Observed(long ticks, long previousTicks, ref List<EpisodeChange>? changes)
    {
        if (Open is { } stall)
        {
            var at = new DateTimeOffset(ticks, TimeSpan.Zero);
            (changes ??= []).Add(new EpisodeChange(EpisodeChangeType.Resolved, stall.Resolve(at, stall.Evidence, at)));
            Open = null;
        }

        _intervals.Add((ticks - previousTicks) / (double)TimeSpan.TicksPerDay);
        return _intervals.Median();
    }

    /// <summary>Opens a stall when nothing was observed since <paramref name="lastTicks"/> for longer than expected.</summary>
    public IReadOnlyList<EpisodeChange> Check(DateTimeOffset now, long lastTicks, long lastFollowers, double baselineRate)
    {
        if (Open is not null || ExpectedSilence() is not { } expected || now.UtcTicks - lastTicks <= expected.Ticks)
        {
            return [];
        }

        var last = new DateTimeOffset(lastTicks, TimeSpan.Zero);
        var evidence = new EpisodeEvidence(last, lastFollowers, 0, baselineRate, 0, 0, 0, 0);
        Open = AlertEpisode.Open(account, AlertKind.Stall, last, Severity.Warning, evidence, now);
        return [new EpisodeChange(EpisodeChangeType.Opened, Open)];
    }

    /// <summary>The silence after which a stall opens, or null while it cannot be learnt yet.</summary>
    public TimeSpan? ExpectedSilence()
    {
        if (settings.StallAfter is { } fixedAfter)
        {
            return fixedAfter;
        }

        if (_intervals.Count < settings.MinStallIntervals)
        {
            return null;
        }

        var learnt = TimeSpan.FromDays(_intervals.Median() * settings.StallFactor);
        return learnt > settings.StallMinimum ? learnt : settings.StallMinimum;
    }

    public void WriteIntervals(ByteWriter writer) => _intervals.Write(writer);

    public void ReadIntervals(ref ByteReader reader) => _intervals.Read(ref reader);

    public void WriteOpen(ByteWriter writer)
    {
        writer.WriteBool(Open is not null);
        if (Open is not null)
        {
            EpisodeTrack.WriteEpisode(writer, Open);
        }
    }

    public void ReadOpen(ref ByteReader reader) => Open = reader.ReadBool() ? EpisodeTrack.ReadEpisode(ref reader) : null;
}
