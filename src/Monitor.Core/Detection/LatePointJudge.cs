using Monitor.Core.Accounts;
using Monitor.Core.Alerts;

namespace Monitor.Core.Detection;

/// <summary>
/// Judges points that arrived after the detector had observed later ones. The detector already judged the interval that
/// contains them as one rate (counts are cumulative, so nothing was lost), but a burst inside it may have been diluted,
/// or a burst and its reversal may have cancelled out. Each sub-interval the late points reveal is judged against the
/// current baseline, without learning from it (the baseline learnt the whole interval already); a spike or drop found
/// is reported as an episode that opened and already resolved. An interval that was itself anomalous was reported live,
/// so its late points add nothing.
/// </summary>
internal sealed class LatePointJudge(DetectorSettings settings, RateBaseline baseline, EpisodeRecorder episodes)
{
    /// <summary>Judges the late runs of <paramref name="span"/> (oldest first) and returns the episodes found.</summary>
    public IReadOnlyList<EpisodeChange> Judge(IReadOnlyList<SpanPoint> span, CountResolution resolution, DateTimeOffset at, bool riseOpen, bool dropOpen)
    {
        List<EpisodeChange>? changes = null;
        var runStart = -1;
        for (var i = 0; i < span.Count; i++)
        {
            if (span[i].Late)
            {
                continue;
            }

            if (runStart >= 0 && i - runStart > 1)
            {
                JudgeRun(span, runStart, i, resolution, at, riseOpen, dropOpen, ref changes);
            }

            runStart = i;
        }

        return (IReadOnlyList<EpisodeChange>?)changes ?? [];
    }

    // span[from] and span[to] were observed live; the points between them are late.
    private void JudgeRun(IReadOnlyList<SpanPoint> span, int from, int to, CountResolution resolution, DateTimeOffset at,
        bool riseOpen, bool dropOpen, ref List<EpisodeChange>? changes)
    {
        var whole = Step(span[from], span[to], resolution);
        var wholeJudgement = baseline.Judge(whole, learnScale: false);
        if (!wholeJudgement.Warm || SpikeDetector.Opens(settings, whole, wholeJudgement) || DropDetector.Opens(settings, whole, wholeJudgement))
        {
            return;
        }

        (RateStep Step, RateJudgement Judgement)? spike = null, drop = null;
        for (var i = from; i < to; i++)
        {
            var step = Step(span[i], span[i + 1], resolution);
            var judgement = baseline.Judge(step, learnScale: false);
            if (!riseOpen && SpikeDetector.Opens(settings, step, judgement) && (spike is null || judgement.Z > spike.Value.Judgement.Z))
            {
                spike = (step, judgement);
            }

            if (!dropOpen && DropDetector.Opens(settings, step, judgement) && (drop is null || judgement.Z < drop.Value.Judgement.Z))
            {
                drop = (step, judgement);
            }
        }

        if (spike is { } s)
        {
            OpenResolved(AlertKind.Spike, s.Step, s.Judgement, at, ref changes);
        }

        if (drop is { } d)
        {
            OpenResolved(AlertKind.Drop, d.Step, d.Judgement, at, ref changes);
        }
    }

    private static RateStep Step(SpanPoint from, SpanPoint to, CountResolution resolution) =>
        RateStep.Between(from.Timestamp.UtcTicks, from.Followers, to.Timestamp.UtcTicks, to.Followers, resolution);

    private void OpenResolved(AlertKind kind, RateStep step, RateJudgement judgement, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        var track = episodes.Open(kind, step.FromTicks, step.FromFollowers, judgement.Median, judgement.Scale, step.Ticks, step.Followers, step.Rate.Rate, at, ref changes);
        EpisodeRecorder.Resolve(track, at, ref changes);
    }
}
