namespace Monitor.Cli.Tests.Infrastructure;

/// <summary>Runs the <c>monitor</c> command line in this process with its own output, error and environment variables.</summary>
public static class MonitorCli
{
    /// <summary>Runs <paramref name="args"/> with <paramref name="variables"/> as the only environment variables.</summary>
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? variables, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(output, error, name => variables is not null && variables.TryGetValue(name, out var value) ? value : null, ErrorIsTerminal: false);
        var exitCode = await MonitorCommandLine.RunAsync(args, environment);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs <paramref name="args"/> against the silo at <paramref name="server"/> (given as MONITOR_SERVER).</summary>
    public static Task<CliResult> RunAsync(Uri server, params string[] args) =>
        RunAsync(new Dictionary<string, string> { [CliEnvironment.ServerVariable] = server.ToString() }, args);
}
