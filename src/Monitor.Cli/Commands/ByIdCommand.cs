using System.CommandLine;
using Monitor.Client;

namespace Monitor.Cli.Commands;

/// <summary>A <c>remove</c> subcommand: deletes one thing by its id through the API, and says so; none by that id is exit 3.</summary>
internal static class RemoveCommand
{
    /// <param name="noun">What the id names, for the error (<c>error: no note n-1.</c>).</param>
    /// <param name="remove">Deletes it; false when there is none by that id.</param>
    public static Command Create(CliContext context, string description, Argument<string> id, string noun,
        Func<MonitorClient, string, CancellationToken, Task<bool>> remove)
    {
        var command = new Command("remove", description) { id };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = context.CreateHttp(parseResult);
            var removed = parseResult.GetValue(id)!;
            if (!await remove(new MonitorClient(http), removed, cancellationToken))
            {
                await context.Error.WriteLineAsync($"error: no {noun} {removed}.");
                return ExitCodes.NotFound;
            }

            await (context.IsJson(parseResult) ? context.WriteJsonAsync(new { removed }) : context.Out.WriteLineAsync($"Removed {removed}"));
            return ExitCodes.Success;
        });
        return command;
    }
}
