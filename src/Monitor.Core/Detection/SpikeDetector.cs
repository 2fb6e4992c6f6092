using Monitor.Core.Alerts;

namespace Monitor.Core.Detection;

/// <summary>
/// Spikes: one interval with a robust z of at least <see cref="DetectorSettings.SpikeZ"/> that passes the guards. A spike
/// resolves at the first interval no longer elevated against the baseline frozen at its onset, and escalates into a surge
/// when still active <see cref="DetectorSettings.SpikeMaxDuration"/> after its start. While a surge is open no spike opens:
/// the surge detector folds intervals into it.
/// </summary>
internal sealed class SpikeDetector(DetectorSettings settings, EpisodeRecorder episodes)
{
    private readonly long _spikeMaxTicks = settings.SpikeMaxDuration.Ticks;

    public void Evaluate(RateStep step, RateJudgement judgement, ref List<EpisodeChange>? changes)
    {
        var rounding = step.Rate;
        if (episodes.Rise is { } rise)
        {
            // An open surge is judged on day rates; intervals inside it (spikes included) are folded into it there.
            if (rise.Episode.Kind != AlertKind.Spike)
            {
                return;
            }

            Continue(rise, step, ref changes);
            return;
        }

        if (Opens(settings, step, judgement))
        {
            episodes.Rise = episodes.Open(AlertKind.Spike, step.FromTicks, step.FromFollowers, judgement.Median, judgement.Scale, step.Ticks, step.Followers, rounding.Rate, step.At, ref changes);
        }
    }

    /// <summary>True when one interval is a spike: z of at least <see cref="DetectorSettings.SpikeZ"/> and a change past the guards.</summary>
    public static bool Opens(DetectorSettings settings, RateStep step, RateJudgement judgement)
    {
        var median = judgement.Median;
        return judgement.Z >= settings.SpikeZ
            && settings.PassesGuards((step.Rate.Nearest(median) - median) * Math.Min(step.Days, 1), step.FromFollowers);
    }

    private void Continue(EpisodeTrack rise, RateStep step, ref List<EpisodeChange>? changes)
    {
        var nearest = step.Rate.Nearest(rise.BaselineRate);
        var zAgainstOnset = rise.ZAgainstBaseline(nearest);
        var active = zAgainstOnset >= settings.ResolveZ && settings.PassesGuards(nearest - rise.BaselineRate, step.FromFollowers);
        if (!active)
        {
            episodes.ResolveRise(rise, step.At, ref changes);
            return;
        }

        rise.LastActiveTicks = step.Ticks;
        rise.LastActiveFollowers = step.Followers;
        rise.PeakZ = Math.Max(rise.PeakZ, zAgainstOnset);
        var newPeak = step.Rate.Rate > rise.PeakRate;
        if (newPeak)
        {
            rise.PeakRate = step.Rate.Rate;
            rise.PeakTicks = step.Ticks;
            rise.PeakFollowers = step.Followers;
        }

        if (step.Ticks - rise.StartTicks >= _spikeMaxTicks)
        {
            // Elevated for days on end: a sustained rise, judged from now on as a surge against the baseline frozen at onset.
            episodes.EscalateToSurge(rise, step.At, ref changes);
            return;
        }

        episodes.UpdateIfWorse(rise, newPeak, step.At, ref changes);
    }
}
