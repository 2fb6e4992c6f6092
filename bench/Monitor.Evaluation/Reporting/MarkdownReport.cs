using System.Globalization;
using Monitor.Evaluation.Nab;
using Monitor.Evaluation.Synthetic;

namespace Monitor.Evaluation.Reporting;

/// <summary>Formats evaluation results as the Markdown tables the command prints and docs/detection.md quotes.</summary>
internal static class MarkdownReport
{
    /// <summary>One row per detector: the normalised NAB score per profile and the standard profile's threshold.</summary>
    public static string Nab(IReadOnlyList<NabDetectorResult> results)
    {
        var table = new MarkdownTable("detector", "standard", "low FP", "low FN", "threshold (standard)", "windows found (standard)", "FP rows (standard)");
        foreach (var result in results)
        {
            var standard = result.ByProfile.GetValueOrDefault(NabProfile.Standard);
            table.AddRow(
                result.Detector,
                Score(result, NabProfile.Standard),
                Score(result, NabProfile.RewardLowFalsePositives),
                Score(result, NabProfile.RewardLowFalseNegatives),
                standard is null ? "-" : Threshold(standard.Threshold),
                standard is null ? "-" : $"{standard.Files.Sum(file => file.DetectedWindows)}/{standard.Files.Sum(file => file.DetectedWindows + file.MissedWindows)}",
                standard is null ? "-" : standard.Files.Sum(file => file.FalsePositiveRows).ToString(CultureInfo.InvariantCulture));
        }

        return table.ToString();
    }

    /// <summary>The published detectors' figures recomputed from their per-file tables over the corpus's files.</summary>
    public static string Published(IReadOnlyList<PublishedDetectorScore> published)
    {
        var table = new MarkdownTable("detector", "standard", "low FP", "low FN");
        foreach (var detector in published.OrderByDescending(score => score.ByProfile.GetValueOrDefault(NabProfile.Standard) ?? double.MinValue))
        {
            table.AddRow(
                detector.Detector,
                Figure(detector.ByProfile.GetValueOrDefault(NabProfile.Standard)),
                Figure(detector.ByProfile.GetValueOrDefault(NabProfile.RewardLowFalsePositives)),
                Figure(detector.ByProfile.GetValueOrDefault(NabProfile.RewardLowFalseNegatives)));
        }

        return table.ToString();
    }

    /// <summary>Per kind and sampling: recall, precision and detection delay; then the alerts on quiet scenarios; then per scenario.</summary>
    public static string Synthetic(SyntheticReport report)
    {
        var kinds = new MarkdownTable("kind", "sampling", "labelled", "found", "recall", "episodes", "precision", "median delay", "max delay");
        foreach (var kind in report.Kinds)
        {
            kinds.AddRow(
                kind.Kind.ToString().ToLowerInvariant(),
                kind.Sampling.ToString().ToLowerInvariant(),
                kind.Labelled.ToString(CultureInfo.InvariantCulture),
                kind.Found.ToString(CultureInfo.InvariantCulture),
                Ratio(kind.Recall),
                kind.Episodes.ToString(CultureInfo.InvariantCulture),
                Ratio(kind.Precision),
                Delay(kind.MedianDelay),
                Delay(kind.MaxDelay));
        }

        var quiet = new MarkdownTable("quiet scenario", "sampling", "series", "alerts (all false)", "series with an alert");
        foreach (var scenario in report.Quiet)
        {
            quiet.AddRow(
                scenario.Scenario,
                scenario.Sampling.ToString().ToLowerInvariant(),
                scenario.Series.ToString(CultureInfo.InvariantCulture),
                scenario.Episodes.ToString(CultureInfo.InvariantCulture),
                scenario.SeriesWithEpisodes.ToString(CultureInfo.InvariantCulture));
        }

        var scenarios = new MarkdownTable("scenario", "sampling", "labelled", "found", "recall", "episodes", "precision", "open at end");
        foreach (var scenario in report.Scenarios)
        {
            scenarios.AddRow(
                scenario.Scenario,
                scenario.Sampling.ToString().ToLowerInvariant(),
                scenario.Labelled.ToString(CultureInfo.InvariantCulture),
                scenario.Found.ToString(CultureInfo.InvariantCulture),
                Ratio(scenario.Recall),
                scenario.Episodes.ToString(CultureInfo.InvariantCulture),
                Ratio(scenario.Precision),
                scenario.OpenAtEnd.ToString(CultureInfo.InvariantCulture));
        }

        return $"{kinds}\n{quiet}\n{scenarios}";
    }

    /// <summary>
    /// Leave-one-category-out validation: each fold's choice and its left-out score, then every candidate's all-in and
    /// left-out scores (the defaults and the candidate the validation prefers marked).
    /// </summary>
    public static string Validation(CategoryValidationReport report, string defaults)
    {
        ArgumentNullException.ThrowIfNull(report);
        var folds = new MarkdownTable("left out", "chosen on the others", "training score", "threshold", "left-out score", "windows found", "FP rows");
        foreach (var fold in report.Folds)
        {
            folds.AddRow(
                fold.Category,
                fold.Chosen,
                Figure(fold.TrainingScore),
                Threshold(fold.Threshold),
                fold.LeftOutScore is { } score ? Figure(score) : $"no windows (raw {Figure(fold.LeftOutRaw)})",
                $"{fold.WindowsFound}/{fold.Windows}",
                fold.FalsePositiveRows.ToString(CultureInfo.InvariantCulture));
        }

        var categories = report.Candidates[0].LeftOut.Keys.ToList();
        var candidates = new MarkdownTable(["candidate", "all-in", .. categories.Select(category => $"{category} left out"), "mean left out"]);
        var preferred = report.Preferred.Candidate;
        foreach (var candidate in report.Candidates)
        {
            var mark = (candidate.Candidate == defaults ? " (default)" : string.Empty) + (candidate.Candidate == preferred ? " (preferred)" : string.Empty);
            candidates.AddRow([
                candidate.Candidate + mark,
                Figure(candidate.AllIn),
                .. categories.Select(category => candidate.LeftOut[category] is { } score ? Figure(score) : "-"),
                Figure(candidate.MeanLeftOut)]);
        }

        return $"{folds}\n{candidates}";
    }

    /// <summary>Every episode of every series, with the labelled event it matched: for diagnosing a detector.</summary>
    public static string Episodes(SyntheticReport report)
    {
        var table = new MarkdownTable("series", "kind", "start", "opened", "end", "matches");
        foreach (var outcome in report.Outcomes)
        {
            foreach (var episode in outcome.Episodes)
            {
                var match = outcome.Series.Events.FirstOrDefault(label => label.Kind == episode.Kind && episode.Overlaps(label.Start, label.End, outcome.Series.End));
                table.AddRow(
                    outcome.Series.Name,
                    episode.Kind.ToString().ToLowerInvariant(),
                    Time(episode.Start),
                    Time(episode.OpenedAt),
                    episode.End is { } end ? Time(end) : "open",
                    match is null ? "none (false positive)" : $"{match.Kind.ToString().ToLowerInvariant()} from {Time(match.Start)}");
            }
        }

        return table.ToString();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Score(NabDetectorResult result, string profile) =>
        result.ByProfile.TryGetValue(profile, out var score) ? Figure(score.NormalisedScore) : "-";

    private static string Figure(double? value) => value is { } figure ? figure.ToString("0.0", CultureInfo.InvariantCulture) : "incomplete";

    private static string Threshold(double threshold) =>
        double.IsPositiveInfinity(threshold) ? "none fires" : threshold.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Ratio(double? value) => value is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Delay(TimeSpan? delay) =>
        delay is { } value ? $"{value.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h" : "-";
}
