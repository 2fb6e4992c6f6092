namespace Monitor.Evaluation.Detection;

/// <summary>The detector variants the evaluator can run: Monitor.Core's detector, and the evaluator's prototypes for comparison.</summary>
internal static class DetectorCatalog
{
    /// <summary>Every variant, the Core detector first.</summary>
    public static IReadOnlyList<DetectorVariant> All { get; } =
    [
        new("rate-baseline", "prototype: two-sided robust z of the rate against the trailing 100 rates", () => new TrailingRateScorer(new TrailingRateOptions())),
        Explore("x-w600-s300", new TrailingRateOptions { Window = 600, SuppressionPoints = 300 }),
        Explore("x-w1000-s300", new TrailingRateOptions { Window = 1000, SuppressionPoints = 300 }),
        Explore("x-w600-s300-a3", new TrailingRateOptions { Window = 600, SuppressionPoints = 300, ShortAverage = 3 }),
        Explore("x-w600-s300-a6", new TrailingRateOptions { Window = 600, SuppressionPoints = 300, ShortAverage = 6 }),
        Explore("x-w600-s300-a12", new TrailingRateOptions { Window = 600, SuppressionPoints = 300, ShortAverage = 12 }),
        Explore("x-w600-s450-a6", new TrailingRateOptions { Window = 600, SuppressionPoints = 450, ShortAverage = 6 }),
    ];

    private static DetectorVariant Explore(string name, TrailingRateOptions options) => new(name, "exploration", () => new TrailingRateScorer(options));

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
