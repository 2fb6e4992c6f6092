using Monitor.Evaluation.Cli;
using Xunit;

namespace Monitor.Evaluation.Tests.Cli;

public sealed class EvaluationCommandTests
{
    [Theory]
    [InlineData(new string[0], "No command")]
    [InlineData(new[] { "score" }, "'score'")]
    [InlineData(new[] { "nab" }, "--nab")]
    [InlineData(new[] { "validate" }, "--nab")]
    [InlineData(new[] { "synthetic", "--seed", "many" }, "'many'")]
    [InlineData(new[] { "synthetic", "--accounts", "0" }, "'0'")]
    [InlineData(new[] { "synthetic", "--colour", "red" }, "'--colour'")]
    [InlineData(new[] { "synthetic", "--seed" }, "'--seed' needs a value")]
    [InlineData(new[] { "synthetic", "--detector", "nope" }, "nope")]
    public void Bad_arguments_exit_with_code_2_and_name_the_culprit(string[] args, string named)
    {
        var (code, _, error) = Run(args);

        Assert.Equal(EvaluationCommand.BadArguments, code);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_nab_folder_exits_with_code_3_and_says_where_it_looked()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"monitor-no-nab-{Guid.NewGuid():N}");

        var (code, _, error) = Run(["nab", "--nab", missing]);

        Assert.Equal(EvaluationCommand.MissingData, code);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_prints_the_usage_and_succeeds()
    {
        var (code, output, _) = Run(["--help"]);

        Assert.Equal(EvaluationCommand.Ok, code);
        Assert.Contains("synthetic", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_are_parsed_into_their_fields()
    {
        var parsed = EvaluationArguments.Parse(["all", "--nab", "n", "--out", "o", "--seed", "-4", "--episodes", "--accounts", "2", "--base-followers", "7", "--fractional-scale", "10"]);

        Assert.Equal(
            (true, true, "n", "o", -4, 2, 7L, 10.0, true),
            (parsed.RunNab, parsed.RunSynthetic, parsed.NabFolder, parsed.OutFolder, parsed.Seed, parsed.Accounts, parsed.BaseFollowers, parsed.FractionalScale, parsed.ListEpisodes));
    }

    [Theory]
    [InlineData("gauge", "Gauge")]
    [InlineData("gains", "Gains")]
    public void Reading_option_selects_how_nab_values_are_read(string value, string expected)
    {
        Assert.Null(EvaluationArguments.Parse(["nab", "--nab", "n"]).Reading);
        Assert.Equal(expected, EvaluationArguments.Parse(["nab", "--nab", "n", "--reading", value]).Reading.ToString());
    }

    [Fact]
    public void Unknown_reading_is_a_usage_error_naming_the_value()
    {
        var exception = Assert.Throws<UsageException>(() => EvaluationArguments.Parse(["nab", "--nab", "n", "--reading", "level"]));

        Assert.Contains("'level'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_command_prints_the_core_detectors_markdown_table()
    {
        var (code, output, _) = Run(["synthetic", "--accounts", "1", "--detector", "monitor"]);

        Assert.Equal(EvaluationCommand.Ok, code);
        Assert.Contains("| kind | sampling | labelled |", output, StringComparison.Ordinal);
        Assert.Contains("| surge | hourly | 4 |", output, StringComparison.Ordinal);
        Assert.Contains("| scenario | sampling | labelled | found | recall | episodes | precision | open at end |", output, StringComparison.Ordinal);
        Assert.Contains("| surge-and-purge | daily | 2 |", output, StringComparison.Ordinal);
        Assert.Contains("| rounded-quiet | hourly | 1 |", output, StringComparison.Ordinal);
        Assert.Contains("| tiny | daily | 1 |", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Prototype_that_opens_no_episodes_is_left_out_of_the_synthetic_suite()
    {
        var (code, output, _) = Run(["synthetic", "--accounts", "1", "--detector", "prototype-rate"]);

        Assert.Equal(EvaluationCommand.Ok, code);
        Assert.Contains("prototype-rate opens no episodes", output, StringComparison.Ordinal);
        Assert.DoesNotContain("| kind |", output, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = EvaluationCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
