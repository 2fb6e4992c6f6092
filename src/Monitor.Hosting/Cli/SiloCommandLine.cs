using System.CommandLine;
using Monitor.Client;
using Monitor.Hosting;

namespace Monitor.Hosting.Cli;

/// <summary>
/// The silo executable's command line: <c>serve</c> (the default), <c>demo</c>, and the offline <c>keys</c> for bootstrapping.
/// Everything done against a running silo is the <c>monitor</c> tool's (src/Monitor.Cli).
/// </summary>
public static class SiloCommandLine
{
    /// <summary>The exit code of a failure a user can fix (a message says how).</summary>
    public const int FailureExitCode = 2;

    /// <summary>Builds the root command.</summary>
    public static RootCommand Create()
    {
        var hostOptions = new HostCommandOptions();
        var root = new RootCommand(
            "Monitor silo: follower-count monitoring of official accounts, with spike, surge, drop and stall alerts. " +
            "Runs the silo (serve, the default) or the demo; drive a running silo with the 'monitor' tool (src/Monitor.Cli).");
        hostOptions.AddTo(root);
        root.SetAction((parseResult, cancellationToken) => ServeCommand.RunAsync(hostOptions.Read(parseResult)));
        root.Subcommands.Add(ServeCommand.Create(new HostCommandOptions()));
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        return root;
    }

    /// <summary>The addresses a silo started with <paramref name="options"/> listens on, as far as the command line can tell.</summary>
    public static string ListenUrls(SiloHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Urls
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS")
            ?? Environment.GetEnvironmentVariable("URLS")
            ?? SiloApp.DefaultUrls;
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
            return FailureExitCode;
        }
    }
}
