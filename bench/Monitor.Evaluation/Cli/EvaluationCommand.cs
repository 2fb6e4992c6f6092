using Monitor.Evaluation.Detection;
using Monitor.Evaluation.Feeding;
using Monitor.Evaluation.Nab;
using Monitor.Evaluation.Reporting;
using Monitor.Evaluation.Synthetic;

namespace Monitor.Evaluation.Cli;

/// <summary>Runs the suites the command line asks for and prints their Markdown tables; returns the process exit code.</summary>
public static class EvaluationCommand
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure (a detector threw, a write failed).</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong.</summary>
    public const int BadArguments = 2;

    /// <summary>The NAB folder is missing or not in NAB's layout.</summary>
    public const int MissingData = 3;

    /// <summary>Parses <paramref name="args"/>, runs, and writes the report to <paramref name="output"/> and problems to <paramref name="error"/>.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        EvaluationArguments arguments;
        IReadOnlyList<DetectorVariant> variants;
        try
        {
            arguments = EvaluationArguments.Parse(args);
            if (arguments.ShowHelp)
            {
                output.WriteLine(EvaluationArguments.Usage);
                return Ok;
            }

            variants = DetectorCatalog.Select(arguments.Detector);
        }
        catch (Exception exception) when (exception is UsageException or ArgumentOutOfRangeException)
        {
            error.WriteLine($"error: {exception.Message}");
            error.WriteLine(EvaluationArguments.Usage);
            return BadArguments;
        }

        try
        {
            if (arguments.RunNab)
            {
                RunNab(arguments, variants, output);
            }

            if (arguments.RunSynthetic)
            {
                RunSynthetic(arguments, variants, output);
            }

            if (arguments.RunValidation)
            {
                RunValidation(arguments, output);
            }

            return Ok;
        }
        catch (NabLayoutException exception)
        {
            error.WriteLine($"error: {exception.Message}");
            return MissingData;
        }
    }

    private static NabEvaluation LoadNab(EvaluationArguments arguments, out NabCorpus corpus)
    {
        corpus = NabCorpus.Load(arguments.NabFolder!);
        var feed = new FeedOptions();
        feed.BaseFollowers = arguments.BaseFollowers ?? feed.BaseFollowers;
        feed.FractionalScale = arguments.FractionalScale ?? feed.FractionalScale;
        feed.Reading = arguments.Reading ?? feed.Reading;
        return new NabEvaluation(corpus, feed);
    }

    private static void RunValidation(EvaluationArguments arguments, TextWriter output)
    {
        var evaluation = LoadNab(arguments, out var corpus);
        var candidates = SettingsGrid.Candidates();
        var sweeps = candidates.Select(evaluation.Sweeps).ToList();
        var names = candidates.Select(candidate => candidate.Name).ToList();
        var defaults = SettingsGrid.Name(Monitor.Core.Detection.DetectorSettings.Default);
        output.WriteLine($"## Leave-one-category-out validation ({corpus.Files.Count} files, {candidates.Count} candidate settings, {corpus.Root})");
        output.WriteLine();
        foreach (var profileName in NabProfile.PublishedOrder)
        {
            if (!corpus.Profiles.TryGetValue(profileName, out var profile))
            {
                continue;
            }

            var report = CategoryValidation.Run(names, sweeps, profile);
            output.WriteLine($"### Profile {profile.Name}");
            output.WriteLine();
            output.WriteLine(MarkdownReport.Validation(report, defaults));
        }
    }

    private static void RunNab(EvaluationArguments arguments, IReadOnlyList<DetectorVariant> variants, TextWriter output)
    {
        var evaluation = LoadNab(arguments, out var corpus);
        var results = variants.Select(variant => evaluation.Run(variant, arguments.OutFolder)).ToList();

        output.WriteLine($"## NAB ({corpus.Files.Count} files, {corpus.Files.Sum(file => file.Windows.Count)} windows, {corpus.Root})");
        output.WriteLine();
        output.WriteLine(MarkdownReport.Nab(results));
        var published = evaluation.Published();
        if (published.Count > 0)
        {
            output.WriteLine("Published detectors, recomputed from their per-file tables over the same files:");
            output.WriteLine();
            output.WriteLine(MarkdownReport.Published(published));
        }

        if (arguments.OutFolder is not null)
        {
            output.WriteLine($"Results written under {Path.GetFullPath(arguments.OutFolder)}");
            output.WriteLine();
        }
    }

    private static void RunSynthetic(EvaluationArguments arguments, IReadOnlyList<DetectorVariant> variants, TextWriter output)
    {
        var options = new SyntheticOptions();
        options.Seed = arguments.Seed ?? options.Seed;
        options.AccountsPerScenario = arguments.Accounts ?? options.AccountsPerScenario;
        var suite = SyntheticSuite.Generate(options);
        var evaluation = new SyntheticEvaluation(options);
        foreach (var variant in variants)
        {
            if (!variant.OpensEpisodes)
            {
                output.WriteLine($"({variant.Name} opens no episodes: scored on NAB only.)");
                output.WriteLine();
                continue;
            }

            output.WriteLine($"## Synthetic follower suite: {variant.Name} (seed {options.Seed}, {suite.Count} series)");
            output.WriteLine();
            var report = evaluation.Evaluate(variant, suite);
            output.WriteLine(MarkdownReport.Synthetic(report));
            if (arguments.ListEpisodes)
            {
                output.WriteLine(MarkdownReport.Episodes(report));
            }
        }
    }
}
