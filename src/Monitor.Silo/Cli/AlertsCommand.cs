using System.CommandLine;

namespace Monitor.Silo.Cli;

/// <summary><c>alerts tail</c>: follows the live alert stream and prints one line per change.</summary>
public static class AlertsCommand
{
    /// <summary>Creates the command and its subcommands.</summary>
    public static Command Create()
    {
        var fromStart = new Option<bool>("--from-start") { Description = "Replay every change the silo has logged before following." };
        var after = new Option<long?>("--after") { Description = "Resume after this sequence number." };
        var server = ServerOption.Create();
        var tail = new Command("tail", "Follow /api/alerts/stream and print one line per alert change (Ctrl+C to stop).") { fromStart, after, server };
        tail.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = ServerOption.CreateHttpClient(parseResult.GetValue(server)!, Timeout.InfiniteTimeSpan);
            var resumeAfter = parseResult.GetValue(fromStart) ? 0 : parseResult.GetValue(after);
            await foreach (var change in new MonitorClient(http).FollowAlertsAsync(resumeAfter, cancellationToken))
            {
                Console.WriteLine(AlertLine.Format(change));
            }
        });

        var command = new Command("alerts", "Alert commands.");
        command.Subcommands.Add(tail);
        return command;
    }
}
