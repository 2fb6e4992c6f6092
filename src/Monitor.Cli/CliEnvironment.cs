namespace Monitor.Cli;

/// <summary>
/// What a run of the command line sees of its process: where it writes, its environment variables and whether standard
/// error is a terminal (for the import's progress line). Tests pass their own.
/// </summary>
public sealed record CliEnvironment(TextWriter Output, TextWriter Error, Func<string, string?> Variable, bool ErrorIsTerminal)
{
    /// <summary>The variable naming the silo's address.</summary>
    public const string ServerVariable = "MONITOR_SERVER";

    /// <summary>The variable holding the API key.</summary>
    public const string ApiKeyVariable = "MONITOR_API_KEY";

    /// <summary>The process's console and environment.</summary>
    public static CliEnvironment FromProcess() =>
        new(Console.Out, Console.Error, Environment.GetEnvironmentVariable, !Console.IsErrorRedirected);
}
