using System.CommandLine;
using Monitor.Demo;
using Monitor.Hosting;

namespace Monitor.Hosting.Cli;

/// <summary>
/// <c>demo</c>: starts a silo on a fresh database and replays the synthetic scenario so alerts fire. The database lives in
/// a folder of its own under the temp folder and is removed when the demo stops, unless <c>--keep</c> (or <c>--sqlite-path</c>) is given.
/// </summary>
public static class DemoCommand
{
    /// <summary>Where the demo's database goes without <c>--sqlite-path</c>, as its help says.</summary>
    public const string SqliteDefault = "a new monitor-demo-<id>/monitor.db in the temp folder, removed on exit unless --keep";

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var hostOptions = new HostCommandOptions(SqliteDefault);
        var seed = new Option<FileInfo?>("--seed") { Description = "Seed snapshot CSV (default: DemoData/seed-snapshot-2024.csv next to the executable)." };
        var keep = new Option<bool>("--keep") { Description = "Keep the demo's database when the demo stops (its path is printed)." };
        var command = new Command("demo", "Start a silo, replay synthetic history ending at the seed's figures, show the surge alerts and incident, keep serving until Ctrl+C.")
        {
            seed,
            keep,
        };
        hostOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            // A fresh database each run, so the replayed history fires its alerts again.
            var ownDirectory = parseResult.GetValue(hostOptions.SqlitePath) is null
                ? Path.Combine(Path.GetTempPath(), $"monitor-demo-{Guid.NewGuid():N}")
                : null;
            var options = hostOptions.Read(parseResult, ownDirectory is null ? null : Path.Combine(ownDirectory, "monitor.db"));
            options.QuietLogging = true;
            if (ListenPortCheck.FindTaken(SiloCommandLine.ListenUrls(options)) is { } taken)
            {
                await Console.Error.WriteLineAsync($"error: {taken}");
                return SiloCommandLine.FailureExitCode;
            }

            // The demo's history is synthetic: real polls must not mix into it.
            options.Configuration.TryAdd(SiloHostOptions.CollectorsEnabledKey, "false");
            var seedPath = parseResult.GetValue(seed)?.FullName ?? DemoRunner.DefaultSeedPath;
            try
            {
                await new DemoRunner(Console.Out).RunAsync(options, seedPath, serveUntilStopped: true);
            }
            finally
            {
                if (ownDirectory is not null && Directory.Exists(ownDirectory))
                {
                    if (parseResult.GetValue(keep))
                    {
                        Console.WriteLine($"Kept the demo's database: {Path.Combine(ownDirectory, "monitor.db")}");
                    }
                    else
                    {
                        DemoDatabase.Remove(ownDirectory);
                    }
                }
            }

            return 0;
        });
        return command;
    }
}
