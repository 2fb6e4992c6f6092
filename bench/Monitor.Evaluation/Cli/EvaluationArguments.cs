using System.Globalization;
using Monitor.Evaluation.Feeding;

namespace Monitor.Evaluation.Cli;

/// <summary>The parsed command line: which suites to run, where NAB is, where results go, and the knobs of each suite.</summary>
internal sealed record EvaluationArguments
{
    /// <summary>The text printed for --help and after a usage error.</summary>
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Monitor.Evaluation.Tool -- <command> [options]

        Commands:
          nab          score the detector on a NAB folder and write NAB's results layout
          synthetic    score the detector on the synthetic follower suite
          all          both
          validate     leave-one-category-out validation on a NAB folder: for each category, choose the settings
                       (a small grid) and threshold on the other categories and score the one left out

        Options:
          --nab <dir>               NAB folder (data/, labels/, config/; results/ optional). Required for nab, all, validate.
          --out <dir>               where to write <detector>/<category>/<detector>_<file>.csv (nab, all)
          --detector <name>         run only this detector variant (default: all variants)
          --seed <int>              synthetic suite seed (default 20200927)
          --accounts <int>          accounts per synthetic scenario (default 4)
          --base-followers <long>   counter level before the first NAB gain (default 100000)
          --fractional-scale <x>    factor for fractional NAB values (default 1000)
          --reading <gauge|gains>   a NAB value is a gauge's reading at its timestamp (default) or a counter's gain
          --episodes                list every synthetic episode and the label it matched
          --help                    print this text
        """;

    /// <summary>True to run the NAB suite.</summary>
    public bool RunNab { get; init; }

    /// <summary>True to run leave-one-category-out validation on NAB.</summary>
    public bool RunValidation { get; init; }

    /// <summary>True to run the synthetic suite.</summary>
    public bool RunSynthetic { get; init; }

    /// <summary>True when --help was given: print usage and do nothing else.</summary>
    public bool ShowHelp { get; init; }

    /// <summary>True to list every synthetic episode after the tables.</summary>
    public bool ListEpisodes { get; init; }

    /// <summary>The NAB folder, as given.</summary>
    public string? NabFolder { get; init; }

    /// <summary>The results folder, or null to write nothing.</summary>
    public string? OutFolder { get; init; }

    /// <summary>The single detector variant to run, or null for all.</summary>
    public string? Detector { get; init; }

    /// <summary>The synthetic suite seed, or null for the default.</summary>
    public int? Seed { get; init; }

    /// <summary>Accounts per synthetic scenario, or null for the default.</summary>
    public int? Accounts { get; init; }

    /// <summary>The counter base for NAB feeding, or null for the default.</summary>
    public long? BaseFollowers { get; init; }

    /// <summary>The scale for fractional NAB gains, or null for the default.</summary>
    public double? FractionalScale { get; init; }

    /// <summary>How NAB values are read, or null for the default.</summary>
    public NabReading? Reading { get; init; }

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="UsageException">The command line is wrong; the message names the argument and its value.</exception>
    public static EvaluationArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new UsageException("No command given: expected nab, synthetic, all or validate.");
        }

        if (args[0] is "--help" or "-h")
        {
            return new EvaluationArguments { ShowHelp = true };
        }

        var parsed = args[0] switch
        {
            "nab" => new EvaluationArguments { RunNab = true },
            "synthetic" => new EvaluationArguments { RunSynthetic = true },
            "all" => new EvaluationArguments { RunNab = true, RunSynthetic = true },
            "validate" => new EvaluationArguments { RunValidation = true },
            _ => throw new UsageException($"Unknown command '{args[0]}': expected nab, synthetic, all or validate."),
        };

        for (var i = 1; i < args.Count; i++)
        {
            var option = args[i];
            if (option is "--help" or "-h")
            {
                return new EvaluationArguments { ShowHelp = true };
            }

            if (option == "--episodes")
            {
                parsed = parsed with { ListEpisodes = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new UsageException(option.StartsWith("--", StringComparison.Ordinal) ? $"Option '{option}' needs a value." : $"Unexpected argument '{option}'.");
            }

            var value = args[++i];
            parsed = option switch
            {
                "--nab" => parsed with { NabFolder = NonEmpty(option, value) },
                "--out" => parsed with { OutFolder = NonEmpty(option, value) },
                "--detector" => parsed with { Detector = NonEmpty(option, value) },
                "--seed" => parsed with { Seed = ParseInt(option, value, int.MinValue) },
                "--accounts" => parsed with { Accounts = ParseInt(option, value, 1) },
                "--base-followers" => parsed with { BaseFollowers = ParseLong(option, value) },
                "--fractional-scale" => parsed with { FractionalScale = ParseScale(option, value) },
                "--reading" => parsed with { Reading = ParseReading(option, value) },
                _ => throw new UsageException($"Unknown option '{option}' (value '{value}')."),
            };
        }

        if ((parsed.RunNab || parsed.RunValidation) && parsed.NabFolder is null)
        {
            throw new UsageException($"Command '{args[0]}' needs --nab <dir>, the NAB folder (data/, labels/, config/).");
        }

        return parsed;
    }

    private static string NonEmpty(string option, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new UsageException($"Option '{option}' has an empty value.") : value;

    private static int ParseInt(string option, string value, int minimum) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= minimum
            ? number
            : throw new UsageException($"Option '{option}' value '{value}' is not an integer of at least {minimum}.");

    private static long ParseLong(string option, string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw new UsageException($"Option '{option}' value '{value}' is not a non-negative integer.");

    private static NabReading ParseReading(string option, string value) => value switch
    {
        "gauge" => NabReading.Gauge,
        "gains" => NabReading.Gains,
        _ => throw new UsageException($"Option '{option}' value '{value}' is not gauge or gains."),
    };

    private static double ParseScale(string option, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 1 && double.IsFinite(number)
            ? number
            : throw new UsageException($"Option '{option}' value '{value}' is not a number of at least 1.");
}
