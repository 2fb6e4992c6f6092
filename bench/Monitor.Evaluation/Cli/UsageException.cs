namespace Monitor.Evaluation.Cli;

/// <summary>The command line is wrong: an unknown command or option, or an option value that does not parse.</summary>
internal sealed class UsageException(string message) : Exception(message);
