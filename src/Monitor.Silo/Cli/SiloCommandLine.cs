using System.CommandLine;

namespace Monitor.Silo.Cli;

/// <summary>The command line: <c>serve</c> (the default), <c>import</c>, <c>export</c>, <c>accounts</c>, <c>alerts</c>, <c>demo</c> and <c>keys</c>.</summary>
public static class SiloCommandLine
{
    /// <summary>Builds the root command.</summary>
    public static RootCommand Create()
    {
        var hostOptions = new HostCommandOptions();
        var root = new RootCommand("Monitor: follower-count monitoring of official accounts, with spike, surge, drop and stall alerts.");
        hostOptions.AddTo(root);
        root.SetAction((parseResult, cancellationToken) => ServeCommand.RunAsync(hostOptions.Read(parseResult)));
        root.Subcommands.Add(ServeCommand.Create(new HostCommandOptions()));
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(AccountsCommand.Create());
        root.Subcommands.Add(AlertsCommand.Create());
        root.Subcommands.Add(DemoCommand.Create(new HostCommandOptions()));
        root.Subcommands.Add(KeysCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; failures a user can fix print one line and exit non-zero.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        // The web host handles Ctrl+C and SIGTERM itself (graceful stop, grains deactivated); the parser must not race it.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        try
        {
            return await Create().Parse(args).InvokeAsync(invocation);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or MonitorApiException or HttpRequestException or IOException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
    }
}
