namespace Monitor.Evaluation.Detection;

/// <summary>The detector variants the evaluator can run: Monitor.Core's detector, and the evaluator's prototypes for comparison.</summary>
internal static class DetectorCatalog
{
    /// <summary>Every variant, the Core detector first.</summary>
    public static IReadOnlyList<DetectorVariant> All { get; } =
    [
        new(
            "monitor",
            "Monitor.Core's AccountDetector with default DetectorSettings",
            () => new CoreDetectorAdapter(new Monitor.Core.Detection.DetectorSettings())),
        new(
            "monitor-tail",
            "Monitor.Core's AccountDetector, its score a tail probability per point (ScoreCalibration TailPerPoint)",
            () => new CoreDetectorAdapter(new Monitor.Core.Detection.DetectorSettings { ScoreCalibration = Monitor.Core.Detection.ScoreCalibration.TailPerPoint })),
        new(
            "monitor-tail-day",
            "Monitor.Core's AccountDetector, its score a tail probability per day (ScoreCalibration TailPerDay)",
            () => new CoreDetectorAdapter(new Monitor.Core.Detection.DetectorSettings { ScoreCalibration = Monitor.Core.Detection.ScoreCalibration.TailPerDay })),
        new(
            "monitor-hour-beside",
            "Monitor.Core's AccountDetector, its hour-of-day term beside the same-time-yesterday term (ScoreTimeOfDay BesideLag)",
            () => new CoreDetectorAdapter(new Monitor.Core.Detection.DetectorSettings { ScoreTimeOfDay = Monitor.Core.Detection.ScoreTimeOfDay.BesideLag })),
        new(
            "monitor-no-hour",
            "Monitor.Core's AccountDetector without the hour-of-day term (ScoreTimeOfDay Off: the default before nab8)",
            () => new CoreDetectorAdapter(new Monitor.Core.Detection.DetectorSettings { ScoreTimeOfDay = Monitor.Core.Detection.ScoreTimeOfDay.Off })),
        new(
            "prototype-rate",
            "evaluator prototype: two-sided robust z of the rate against the trailing 600 rates, one alarm per 300 points",
            () => new TrailingRateScorer(new TrailingRateOptions()),
            OpensEpisodes: false),
        new(
            "prototype-seasonal",
            "prototype-rate on the rate less its time-of-day median over the last two days",
            () => new TrailingRateScorer(new TrailingRateOptions { SeasonalDays = 2 }),
            OpensEpisodes: false),
    ];

    /// <summary>The variants to run: all, or the one named.</summary>
    public static IReadOnlyList<DetectorVariant> Select(string? name)
    {
        if (name is null)
        {
            return All;
        }

        var variant = All.FirstOrDefault(candidate => string.Equals(candidate.Name, name, StringComparison.Ordinal));
        return variant is null
            ? throw new ArgumentOutOfRangeException(nameof(name), name, $"Unknown detector; expected one of {string.Join(", ", All.Select(candidate => candidate.Name))}.")
            : [variant];
    }
}
