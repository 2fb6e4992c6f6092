using System.CommandLine;
using Monitor.Client;

namespace Monitor.Cli.Commands;

/// <summary>
/// A subcommand that ends one thing by its id through the API (remove, delete, expire, revoke) and says so; none by that
/// id is exit 3.
/// </summary>
internal static class ByIdCommand
{
    /// <param name="name">The subcommand, a verb: <c>remove</c>.</param>
    /// <param name="done">Its past tense, which names the JSON field and starts the line: <c>{"removed":"n-1"}</c>, <c>Removed n-1</c>.</param>
    /// <param name="missing">The error when there is none by that id, after <c>error: </c>: <c>no note n-1.</c></param>
    /// <param name="act">Does it; false when there is none by that id.</param>
    public static Command Create(CliContext context, string name, string done, string description, Argument<string> id,
        Func<string, string> missing, Func<MonitorClient, string, CancellationToken, Task<bool>> act)
    {
        var command = new Command(name, description) { id };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = context.CreateHttp(parseResult);
            var target = parseResult.GetValue(id)!;
            if (!await act(new MonitorClient(http), target, cancellationToken))
            {
                await context.Error.WriteLineAsync($"error: {missing(target)}");
                return ExitCodes.NotFound;
            }

            await context.WriteAsync(parseResult, new Dictionary<string, string> { [done] = target }, $"{char.ToUpperInvariant(done[0])}{done[1..]} {target}");
            return ExitCodes.Success;
        });
        return command;
    }
}
