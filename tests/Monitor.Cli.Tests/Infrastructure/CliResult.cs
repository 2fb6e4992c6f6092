namespace Monitor.Cli.Tests.Infrastructure;

/// <summary>What one run of the command line did: its exit code and what it wrote to standard output and error.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>Standard error's non-empty lines.</summary>
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
