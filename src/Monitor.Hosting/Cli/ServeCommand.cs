using System.CommandLine;
using Monitor.Hosting;

namespace Monitor.Hosting.Cli;

/// <summary><c>serve</c>: runs the silo until Ctrl+C or SIGTERM (then deactivates grains and stops).</summary>
public static class ServeCommand
{
    /// <summary>The line printed once the silo listens, followed by its address (tests and scripts wait for it).</summary>
    public const string ListeningBanner = "Monitor silo listening on ";

    /// <summary>Creates the command; the root command runs it too when no command is given.</summary>
    public static Command Create(HostCommandOptions hostOptions)
    {
        var command = new Command("serve", "Run the silo: HTTP API, live alert stream, grains.");
        hostOptions.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(hostOptions.Read(parseResult)));
        return command;
    }

    /// <summary>Starts the silo, prints <see cref="ListeningBanner"/> and the address, and serves until the host is told to stop.</summary>
    public static async Task<int> RunAsync(SiloHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (ListenPortCheck.FindTaken(SiloCommandLine.ListenUrls(options)) is { } taken)
        {
            await Console.Error.WriteLineAsync($"error: {taken}");
            return SiloCommandLine.FailureExitCode;
        }

        await using var app = SiloApp.Build(options);
        await app.StartAsync();
        Console.WriteLine(ListeningBanner + SiloApp.GetListeningAddress(app));
        await app.WaitForShutdownAsync();
        return 0;
    }
}
