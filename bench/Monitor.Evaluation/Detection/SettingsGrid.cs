using System.Globalization;
using Monitor.Core.Detection;

namespace Monitor.Evaluation.Detection;

/// <summary>
/// The candidate settings leave-one-category-out validation chooses among: the two knobs that shape only the anomaly score
/// NAB scores (how long a point must be the most anomalous to score, and how long the score's memory of its usual level
/// is), each at the default and on either side of it. Knobs that also drive alerts (the baseline window) are left out:
/// NAB is not follower data, and the synthetic suite judges the alerts.
/// </summary>
internal static class SettingsGrid
{
    /// <summary>Every combination, named by its values; the defaults are among them.</summary>
    public static IReadOnlyList<DetectorVariant> Candidates()
    {
        var candidates = new List<DetectorVariant>();
        if (Environment.GetEnvironmentVariable("D2_GRID") is { } grid)
        {
            foreach (var spec in grid.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var settings = DetectorSettings.Default;
                foreach (var kv in spec.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    var parts = kv.Split('=');
                    var v = double.Parse(parts[1], CultureInfo.InvariantCulture);
                    settings = parts[0] switch
                    {
                        "n" => settings with { NoveltyHorizon = TimeSpan.FromHours(v) },
                        "h" => settings with { ScoreHorizon = (int)v },
                        "s" => settings with { ScoreSmoothing = (int)v },
                        "shift" => settings with { ScoreShiftSpan = (int)v },
                        "k" => settings with { ScoreShiftScales = (int)v },
                        "log" => settings with { ScoreLog = v > 0 },
                        "c" => settings with { ScoreLevelClampZ = v },
                        "m" => settings with { ScoreMidpoint = v },
                        _ => throw new ArgumentException(kv),
                    };
                }

                var captured = settings;
                candidates.Add(new DetectorVariant(spec, "experiment", () => new CoreDetectorAdapter(captured)));
            }

            return candidates;
        }

        foreach (var novelty in new[] { TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(2) })
        {
            foreach (var scoreHorizon in new[] { 1000, 2000, 5000 })
            {
                var settings = DetectorSettings.Default with { NoveltyHorizon = novelty, ScoreHorizon = scoreHorizon };
                candidates.Add(new DetectorVariant(Name(settings), "leave-one-category-out candidate", () => new CoreDetectorAdapter(settings)));
            }
        }

        return candidates;
    }

    /// <summary>The name of a candidate: its values of the two knobs.</summary>
    public static string Name(DetectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"novelty {settings.NoveltyHorizon.TotalHours:0}h, score horizon {settings.ScoreHorizon}");
    }
}
