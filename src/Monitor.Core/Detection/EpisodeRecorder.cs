using Monitor.Core.Accounts;
using Monitor.Core.Alerts;

namespace Monitor.Core.Detection;

/// <summary>
/// Opens, updates, escalates and resolves the rate episodes of one account, collecting the changes an observation caused.
/// Holds the one open rise (spike or surge), which the spike and surge detectors share: a spike can escalate into a surge.
/// </summary>
internal sealed class EpisodeRecorder(DetectorSettings settings, AccountKey? account)
{
    /// <summary>The open spike or surge, if any.</summary>
    public EpisodeTrack? Rise { get; set; }

    /// <summary>Opens an episode whose rate is judged from now on against the given baseline.</summary>
    public EpisodeTrack Open(AlertKind kind, long startTicks, long startFollowers, double baselineRate, double baselineScale,
        long ticks, long followers, double rate, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        var track = new EpisodeTrack
        {
            Episode = null!,
            BaselineRate = baselineRate,
            BaselineScale = baselineScale,
            StartTicks = startTicks,
            StartFollowers = startFollowers,
            LastActiveTicks = ticks,
            LastActiveFollowers = followers,
            PeakTicks = ticks,
            PeakFollowers = followers,
            PeakRate = rate,
            PeakZ = (rate - baselineRate) / baselineScale,
        };
        var evidence = track.Evidence();
        track.Episode = AlertEpisode.Open(account, kind, new DateTimeOffset(startTicks, TimeSpan.Zero), settings.SeverityFor(track.PeakZ, evidence.RelativeChange), evidence, at);
        (changes ??= []).Add(new EpisodeChange(EpisodeChangeType.Opened, track.Episode));
        return track;
    }

    /// <summary>Reports an open episode again when it reached a new peak or a higher severity.</summary>
    public void UpdateIfWorse(EpisodeTrack track, bool newPeak, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        var evidence = track.Evidence();
        var severity = settings.SeverityFor(track.PeakZ, evidence.RelativeChange);
        if (newPeak || severity > track.Episode.Severity)
        {
            track.Episode = track.Episode.Update(evidence, severity, at);
            (changes ??= []).Add(new EpisodeChange(EpisodeChangeType.Updated, track.Episode));
        }
    }

    /// <summary>Same episode, same id: the kind becomes surge, sent as an Updated change.</summary>
    public void EscalateToSurge(EpisodeTrack rise, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        var evidence = rise.Evidence();
        rise.Episode = rise.Episode.Escalate(AlertKind.Surge, evidence, settings.SeverityFor(rise.PeakZ, evidence.RelativeChange), at);
        (changes ??= []).Add(new EpisodeChange(EpisodeChangeType.Updated, rise.Episode));
    }

    /// <summary>Resolves an episode as of its last active observation.</summary>
    public static void Resolve(EpisodeTrack track, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        track.Episode = track.Episode.Resolve(new DateTimeOffset(track.LastActiveTicks, TimeSpan.Zero), track.Evidence(), at);
        (changes ??= []).Add(new EpisodeChange(EpisodeChangeType.Resolved, track.Episode));
    }

    /// <summary>Resolves the open rise and frees the slot.</summary>
    public void ResolveRise(EpisodeTrack rise, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        Resolve(rise, at, ref changes);
        Rise = null;
    }

    /// <summary>A spike that turned out to be a surge's onset is judged from now on against the surge's baseline.</summary>
    public static void Rebase(EpisodeTrack spike, double baselineRate, double baselineScale, long ticks, long followers, double rate)
    {
        spike.BaselineRate = baselineRate;
        spike.BaselineScale = baselineScale;
        spike.LastActiveTicks = ticks;
        spike.LastActiveFollowers = followers;
        spike.PeakZ = Math.Max(spike.PeakZ, spike.ZAgainstBaseline(rate));
    }
}
