using System.Globalization;
using Monitor.Core.Detection;

namespace Monitor.Evaluation.Detection;

/// <summary>
/// The candidate settings leave-one-category-out validation chooses among, fixed before the run (docs/detection.md gives
/// the reason for each value): the three knobs that shape only the anomaly score NAB scores. The novelty horizon (how long
/// one event counts once: 12 h, a day, 2 days) is back in the grid: taking it out after seeing it fail on the tweets fold
/// was choosing on the fold left out. Knobs that also drive alerts (the baseline window) are left out: NAB is not
/// follower data, and the synthetic suite judges the alerts. The calibrated score's candidates (a tail probability per point
/// or per day, peaks over 2 or 4 deviations, each novelty horizon) were added before the grid was first run, and the
/// time-of-day profile's (beside or instead of the same-time-yesterday term, each novelty horizon) before nab8's first run;
/// the earlier candidates keep the profile off, as they were run.
/// </summary>
internal static class SettingsGrid
{
    /// <summary>Every combination, named by its values; the defaults are among them.</summary>
    public static IReadOnlyList<DetectorVariant> Candidates()
    {
        var candidates = new List<DetectorVariant>();
        foreach (var noveltyHours in new[] { 12, 24, 48 })
        {
            foreach (var scoreHorizon in new[] { 2000, 5000 })
            {
                foreach (var shiftSpan in new[] { 0, 24, 96 })
                {
                    var settings = DetectorSettings.Default with
                    {
                        NoveltyHorizon = TimeSpan.FromHours(noveltyHours),
                        ScoreHorizon = scoreHorizon,
                        ScoreShiftSpan = shiftSpan,
                        ScoreTimeOfDay = ScoreTimeOfDay.Off,
                    };
                    candidates.Add(new DetectorVariant(Name(settings), "leave-one-category-out candidate", () => new CoreDetectorAdapter(settings)));
                }
            }
        }

        // The calibrated score (issue #15, nabcal): a tail probability per point or per day, its peaks over 2 standardised
        // deviations (about SPOT's 98% quantile for a Gaussian) or over 4 (a farther tail), with each novelty horizon; the
        // score horizon and shift span at their defaults.
        foreach (var calibration in new[] { ScoreCalibration.TailPerPoint, ScoreCalibration.TailPerDay })
        {
            foreach (var tailThreshold in new[] { 2.0, 4.0 })
            {
                foreach (var noveltyHours in new[] { 12, 24, 48 })
                {
                    var settings = DetectorSettings.Default with
                    {
                        NoveltyHorizon = TimeSpan.FromHours(noveltyHours),
                        ScoreCalibration = calibration,
                        ScoreTailThreshold = tailThreshold,
                        ScoreTimeOfDay = ScoreTimeOfDay.Off,
                    };
                    candidates.Add(new DetectorVariant(Name(settings), "leave-one-category-out candidate", () => new CoreDetectorAdapter(settings)));
                }
            }
        }

        // The time-of-day profile (issue #15, nab8), fixed before its first run: beside and instead of the same-time-yesterday
        // term, with each novelty horizon; the score horizon and shift span at their defaults.
        foreach (var timeOfDay in new[] { ScoreTimeOfDay.BesideLag, ScoreTimeOfDay.InsteadOfLag })
        {
            foreach (var noveltyHours in new[] { 12, 24, 48 })
            {
                var settings = DetectorSettings.Default with
                {
                    NoveltyHorizon = TimeSpan.FromHours(noveltyHours),
                    ScoreTimeOfDay = timeOfDay,
                };
                candidates.Add(new DetectorVariant(Name(settings), "leave-one-category-out candidate", () => new CoreDetectorAdapter(settings)));
            }
        }

        return candidates;
    }

    /// <summary>The name of a candidate: its values of the score's knobs.</summary>
    public static string Name(DetectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"novelty {settings.NoveltyHorizon.TotalHours:0}h, score horizon {settings.ScoreHorizon}, shift span {settings.ScoreShiftSpan}");
        if (settings.ScoreCalibration != ScoreCalibration.None)
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{name}, {settings.ScoreCalibration} over {settings.ScoreTailThreshold:0.#}");
        }

        return settings.ScoreTimeOfDay == ScoreTimeOfDay.Off ? name : $"{name}, time of day {settings.ScoreTimeOfDay}";
    }
}
