using System.CommandLine;
using Monitor.Client;

namespace Monitor.Cli.Commands;

/// <summary><c>alerts tail</c>: follows the live alert stream and prints one line per change.</summary>
public static class AlertsCommand
{
    /// <summary>Creates the command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fromStart = new Option<bool>("--from-start") { Description = "Replay every change the silo has logged before following (what the demo raised before you connected)." };
        var after = new Option<long?>("--after") { Description = "Resume after this sequence number." };
        var tail = new Command("tail", "Follow /api/alerts/stream and print one line per alert change (Ctrl+C to stop); only new changes unless --from-start or --after.") { fromStart, after };
        tail.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = context.CreateHttp(parseResult, Timeout.InfiniteTimeSpan);
            var resumeAfter = parseResult.GetValue(fromStart) ? 0 : parseResult.GetValue(after);
            var json = context.IsJson(parseResult);
            try
            {
                await foreach (var change in new MonitorClient(http).FollowAlertsAsync(resumeAfter, cancellationToken))
                {
                    await (json ? context.WriteJsonAsync(change) : context.Out.WriteLineAsync(AlertLine.Format(change)));
                    await context.Out.FlushAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C ends the tail; that is its normal end.
            }
        });

        var command = new Command("alerts", "Alert commands.");
        command.Subcommands.Add(tail);
        return command;
    }
}
