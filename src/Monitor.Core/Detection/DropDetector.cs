using Monitor.Core.Alerts;
using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// Drops: an interval with a net loss beyond the rounding, a robust z at or below -<see cref="DetectorSettings.DropZ"/> and a
/// loss of at least <see cref="DetectorSettings.DropRelative"/> of the followers. It stays open while losses beyond noise
/// continue and resolves after <see cref="DetectorSettings.QuietPeriod"/> without one.
/// </summary>
internal sealed class DropDetector(DetectorSettings settings, EpisodeRecorder episodes)
{
    private readonly long _quietTicks = settings.QuietPeriod.Ticks;
    private readonly long _maxEpisodeTicks = settings.MaxEpisodeDuration.Ticks;

    /// <summary>The open drop, if any.</summary>
    public EpisodeTrack? Open { get; set; }

    /// <summary>Judges a step; true when a drop outlived <see cref="DetectorSettings.MaxEpisodeDuration"/> and the baselines must be relearnt.</summary>
    public bool Evaluate(RateStep step, RateJudgement judgement, ref List<EpisodeChange>? changes)
    {
        if (Open is { } drop)
        {
            return Continue(drop, step, Loss(step), ref changes);
        }

        if (Opens(settings, step, judgement))
        {
            Open = episodes.Open(AlertKind.Drop, step.FromTicks, step.FromFollowers, judgement.Median, judgement.Scale, step.Ticks, step.Followers, step.Rate.Rate, step.At, ref changes);
        }

        return false;
    }

    /// <summary>True when one interval is a drop: a net loss, z at or below -<see cref="DetectorSettings.DropZ"/>, past the guards.</summary>
    public static bool Opens(DetectorSettings settings, RateStep step, RateJudgement judgement)
    {
        var loss = Loss(step);
        return judgement.Z <= -settings.DropZ && loss > 0 && loss >= settings.MinAbsoluteChange * Math.Max(1, step.Days)
            && loss >= settings.DropRelative * Math.Abs((double)step.FromFollowers);
    }

    // The smallest loss the rounded counts allow (the whole loss when exact).
    private static double Loss(RateStep step) => (step.FromFollowers - step.Followers) - (step.Rate.HalfWidth * step.Days);

    public void Write(ByteWriter writer) => EpisodeTrack.WriteOptional(writer, Open);

    public void Read(ref ByteReader reader) => Open = EpisodeTrack.ReadOptional(ref reader);

    private bool Continue(EpisodeTrack drop, RateStep step, double loss, ref List<EpisodeChange>? changes)
    {
        var ticks = step.Ticks;
        var zAgainstOnset = drop.ZAgainstBaseline(step.Rate.Nearest(drop.BaselineRate));
        var active = loss > 0 && zAgainstOnset <= -settings.ResolveZ;
        var newTrough = false;
        if (active)
        {
            drop.LastActiveTicks = ticks;
            drop.LastActiveFollowers = step.Followers;
            drop.PeakZ = Math.Min(drop.PeakZ, zAgainstOnset);
            drop.PeakRate = Math.Min(drop.PeakRate, step.Rate.Rate);
            if (step.Followers < drop.PeakFollowers)
            {
                drop.PeakTicks = ticks;
                drop.PeakFollowers = step.Followers;
                newTrough = true;
            }
        }

        var outlived = ticks - drop.StartTicks >= _maxEpisodeTicks;
        if (outlived || (!active && ticks - drop.LastActiveTicks >= _quietTicks))
        {
            EpisodeRecorder.Resolve(drop, step.At, ref changes);
            Open = null;
            return outlived;
        }

        episodes.UpdateIfWorse(drop, newTrough, step.At, ref changes);
        return false;
    }
}
