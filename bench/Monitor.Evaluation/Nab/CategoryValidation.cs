namespace Monitor.Evaluation.Nab;

/// <summary>
/// Leave-one-category-out validation (the categories are NAB's data folders): for each category, every candidate setting
/// and its threshold are chosen on the other categories alone, and the choice is scored on the category left out. A
/// setting tuned to the corpus as a whole shows here as a high all-in score and low left-out ones.
/// </summary>
internal static class CategoryValidation
{
    /// <summary>
    /// Validates candidates from their per-file sweeps (<paramref name="sweepsByCandidate"/>[c] holds candidate c's sweep of
    /// every file, in the same file order for every candidate).
    /// </summary>
    public static CategoryValidationReport Run(IReadOnlyList<string> candidates, IReadOnlyList<IReadOnlyList<NabFileSweep>> sweepsByCandidate, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(sweepsByCandidate);
        ArgumentNullException.ThrowIfNull(profile);
        if (candidates.Count == 0 || candidates.Count != sweepsByCandidate.Count)
        {
            throw new ArgumentException("Every candidate needs its sweeps, and there must be at least one.", nameof(sweepsByCandidate));
        }

        var categories = sweepsByCandidate[0].Select(sweep => CategoryOf(sweep)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var leftOut = candidates.Select(_ => new Dictionary<string, double?>(StringComparer.Ordinal)).ToList();
        var folds = new List<CategoryFold>();
        foreach (var category in categories)
        {
            CategoryFold? best = null;
            for (var c = 0; c < candidates.Count; c++)
            {
                var (training, test) = Split(sweepsByCandidate[c], category);
                var trained = NabScorer.ScoreCorpus(training, profile);
                var scored = NabScorer.ScoreCorpusAt(test, profile, trained.Threshold);
                var fold = new CategoryFold(
                    category,
                    candidates[c],
                    trained.NormalisedScore,
                    trained.Threshold,
                    Normalised(scored),
                    scored.RawScore,
                    test.Sum(sweep => sweep.ScorableWindows),
                    scored.Files.Sum(file => file.DetectedWindows),
                    scored.Files.Sum(file => file.FalsePositiveRows));
                leftOut[c][category] = fold.LeftOutScore;
                if (best is null || fold.TrainingScore > best.TrainingScore)
                {
                    best = fold;
                }
            }

            folds.Add(best!);
        }

        var validations = candidates
            .Select((name, c) => new CandidateValidation(name, NabScorer.ScoreCorpus(sweepsByCandidate[c], profile).NormalisedScore, leftOut[c]))
            .ToList();
        return new CategoryValidationReport(profile.Name, folds, validations);
    }

    /// <summary>The category of a file, from NAB's relative path ("realTweets/Twitter_volume_AAPL.csv").</summary>
    public static string CategoryOf(NabFileSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var slash = sweep.RelativePath.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : sweep.RelativePath[..slash];
    }

    private static (List<NabFileSweep> Training, List<NabFileSweep> Test) Split(IReadOnlyList<NabFileSweep> sweeps, string category)
    {
        var training = new List<NabFileSweep>();
        var test = new List<NabFileSweep>();
        foreach (var sweep in sweeps)
        {
            (string.Equals(CategoryOf(sweep), category, StringComparison.Ordinal) ? test : training).Add(sweep);
        }

        return (training, test);
    }

    // A category with no windows has null = perfect = 0: its normalised score is undefined.
    private static double? Normalised(NabCorpusScore score) =>
        score.PerfectScore == score.NullScore ? null : score.NormalisedScore;
}
