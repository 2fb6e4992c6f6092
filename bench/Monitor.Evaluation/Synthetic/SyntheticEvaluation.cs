using Monitor.Evaluation.Detection;

namespace Monitor.Evaluation.Synthetic;

/// <summary>
/// Feeds synthetic series to a detector, calling CheckStall on a regular clock between observations, and matches the
/// episodes to the labels: an episode counts when it overlaps a labelled event of the same kind in the same series.
/// </summary>
internal sealed class SyntheticEvaluation(SyntheticOptions options)
{
    private static readonly EventKind[] _labelledKinds = [EventKind.Spike, EventKind.Surge, EventKind.Drop, EventKind.Stall];

    /// <summary>Feeds one series to a fresh detector and returns the episodes it opened.</summary>
    public SeriesOutcome Run(IScoredDetector detector, FollowerSeries series)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Points.Count == 0)
        {
            return new SeriesOutcome(series, []);
        }

        var clock = series.Points[0].Timestamp + options.StallCheckInterval;
        foreach (var point in series.Points)
        {
            for (; clock < point.Timestamp; clock += options.StallCheckInterval)
            {
                detector.CheckStall(clock);
            }

            detector.Observe(point.Timestamp, point.Followers);
        }

        for (; clock <= series.End; clock += options.StallCheckInterval)
        {
            detector.CheckStall(clock);
        }

        return new SeriesOutcome(series, detector.Episodes.ToList());
    }

    /// <summary>Runs <paramref name="variant"/> on every series of <paramref name="suite"/> and scores the outcomes.</summary>
    public SyntheticReport Evaluate(DetectorVariant variant, IReadOnlyList<FollowerSeries> suite)
    {
        ArgumentNullException.ThrowIfNull(variant);
        var outcomes = suite.Select(series => Run(variant.Create(), series)).ToList();
        return Score(variant.Name, outcomes);
    }

    /// <summary>Scores outcomes per labelled kind and sampling, and counts the alerts on quiet scenarios.</summary>
    public static SyntheticReport Score(string detector, IReadOnlyList<SeriesOutcome> outcomes)
    {
        var kinds = new List<KindScore>();
        foreach (var sampling in new[] { Sampling.Hourly, Sampling.Daily })
        {
            var sampled = outcomes.Where(outcome => outcome.Series.Sampling == sampling).ToList();
            foreach (var kind in _labelledKinds)
            {
                kinds.Add(ScoreKind(kind, sampling, sampled));
            }
        }

        var quiet = new List<QuietScore>();
        foreach (var scenario in SyntheticSuite.QuietScenarios)
        {
            foreach (var sampling in new[] { Sampling.Hourly, Sampling.Daily })
            {
                var series = outcomes.Where(outcome => outcome.Series.Scenario == scenario && outcome.Series.Sampling == sampling).ToList();
                if (series.Count > 0)
                {
                    quiet.Add(new QuietScore(
                        scenario,
                        sampling,
                        series.Count,
                        series.Sum(outcome => outcome.Episodes.Count),
                        series.Count(outcome => outcome.Episodes.Count > 0)));
                }
            }
        }

        var scenarios = new List<ScenarioScore>();
        foreach (var scenario in SyntheticSuite.Scenarios)
        {
            foreach (var sampling in new[] { Sampling.Hourly, Sampling.Daily })
            {
                var series = outcomes.Where(outcome => outcome.Series.Scenario == scenario && outcome.Series.Sampling == sampling).ToList();
                if (series.Count > 0)
                {
                    scenarios.Add(ScoreScenario(scenario, sampling, series));
                }
            }
        }

        return new SyntheticReport(detector, kinds, quiet, outcomes, scenarios);
    }

    private static ScenarioScore ScoreScenario(string scenario, Sampling sampling, IReadOnlyList<SeriesOutcome> outcomes)
    {
        int labelled = 0, found = 0, episodes = 0, matching = 0, open = 0;
        foreach (var outcome in outcomes)
        {
            var end = outcome.Series.End;
            labelled += outcome.Series.Events.Count;
            found += outcome.Series.Events.Count(label => outcome.Episodes.Any(episode => episode.Kind == label.Kind && episode.Overlaps(label.Start, label.End, end)));
            episodes += outcome.Episodes.Count;
            matching += outcome.Episodes.Count(episode => outcome.Series.Events.Any(label => label.Kind == episode.Kind && episode.Overlaps(label.Start, label.End, end)));
            open += outcome.Episodes.Count(episode => episode.End is null);
        }

        return new ScenarioScore(scenario, sampling, labelled, found, episodes, matching, open);
    }

    private static KindScore ScoreKind(EventKind kind, Sampling sampling, IReadOnlyList<SeriesOutcome> outcomes)
    {
        int labelled = 0, found = 0, episodes = 0, matching = 0;
        var delays = new List<TimeSpan>();
        foreach (var outcome in outcomes)
        {
            var labels = outcome.Series.Events.Where(label => label.Kind == kind).ToList();
            var opened = outcome.Episodes.Where(episode => episode.Kind == kind).ToList();
            labelled += labels.Count;
            episodes += opened.Count;
            matching += opened.Count(episode => labels.Any(label => episode.Overlaps(label.Start, label.End, outcome.Series.End)));
            foreach (var label in labels)
            {
                var hits = opened.Where(episode => episode.Overlaps(label.Start, label.End, outcome.Series.End)).ToList();
                if (hits.Count > 0)
                {
                    found++;
                    delays.Add(hits.Min(episode => episode.OpenedAt) - label.Onset);
                }
            }
        }

        return new KindScore(kind, sampling, labelled, found, episodes, matching, delays);
    }
}
