using System.CommandLine;
using Monitor.Silo.Demo;
using Monitor.Silo.Hosting;

namespace Monitor.Silo.Cli;

/// <summary><c>demo</c>: starts a silo on a fresh database and replays the synthetic scenario so alerts fire.</summary>
public static class DemoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(HostCommandOptions hostOptions)
    {
        var seed = new Option<FileInfo?>("--seed") { Description = "Seed snapshot CSV (default: DemoData/seed-snapshot-2024.csv next to the executable)." };
        var command = new Command("demo", "Start a silo, replay synthetic history ending at the seed's figures, show the surge alert and incident, keep serving.")
        {
            seed,
        };
        hostOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            // A fresh database each run, so the replayed history fires its alerts again.
            var defaultDatabase = Path.Combine(Path.GetTempPath(), $"monitor-demo-{Guid.NewGuid():N}.db");
            var options = hostOptions.Read(parseResult, defaultDatabase);
            options.QuietLogging = true;

            // The replayed episodes ended years ago; keep their resolved alerts instead of pruning them as stale.
            options.Configuration.TryAdd($"{SiloApp.AlertHubSectionName}:ResolvedAlertRetention", "7300.00:00:00");

            // The demo's history is synthetic: real polls must not mix into it.
            options.Configuration.TryAdd(SiloHostOptions.CollectorsEnabledKey, "false");
            var seedPath = parseResult.GetValue(seed)?.FullName ?? DemoRunner.DefaultSeedPath;
            await new DemoRunner(Console.Out).RunAsync(options, seedPath, serveUntilStopped: true);
        });
        return command;
    }
}
