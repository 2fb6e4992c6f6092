using System.CommandLine;
using Monitor.Client;

namespace Monitor.Cli.Commands;

/// <summary>A <c>list</c> subcommand without options: reads every item through the API and writes them as JSON or a line each.</summary>
internal static class ListCommand
{
    /// <param name="list">Reads the items.</param>
    /// <param name="line">One item's line for people.</param>
    public static Command Create<T>(CliContext context, string description, Func<MonitorClient, CancellationToken, Task<List<T>>> list, Func<T, string> line)
    {
        var command = new Command("list", description);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = context.CreateHttp(parseResult);
            await context.WriteListAsync(parseResult, await list(new MonitorClient(http), cancellationToken), line);
        });
        return command;
    }
}
