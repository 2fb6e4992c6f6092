using System.CommandLine;
using Monitor.Abstractions.Accounts;

namespace Monitor.Silo.Cli;

/// <summary>
/// <c>export [key...]</c>: writes the history of some accounts (or every account) in the generic CSV format
/// (<c>account,timestamp,followers,following,posts</c>), the format <c>import</c> reads and <c>GET /api/accounts/{key}/history?format=csv</c> serves.
/// </summary>
public static class ExportCommand
{
    // Accounts listed per request when exporting all of them.
    private const int PageSize = 1000;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var keys = new Argument<string[]>("key") { Description = "Accounts to export; none: every account.", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "File to write; default: standard output." };
        var resolution = new Option<string>("--resolution")
        {
            Description = "raw (every point kept), hour or day.",
            DefaultValueFactory = _ => "raw",
        };
        resolution.AcceptOnlyFromAmong("raw", "hour", "day");
        var server = ServerOption.Create();
        var command = new Command("export", "Export account histories as CSV (account,timestamp,followers,following,posts), ready to import again.")
        {
            keys,
            output,
            resolution,
            server,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = ServerOption.CreateHttpClient(parseResult.GetValue(server)!, Timeout.InfiniteTimeSpan);
            var client = new MonitorClient(http);
            var file = parseResult.GetValue(output);
            await using var writer = file is null ? Console.Out : new StreamWriter(file.FullName);
            var requested = parseResult.GetValue(keys) ?? [];
            var missing = 0;
            var exported = 0;
            await foreach (var key in requested.Length > 0 ? requested.ToAsyncEnumerable() : AllAccountsAsync(client, cancellationToken))
            {
                if (await client.WriteHistoryCsvAsync(key, parseResult.GetValue(resolution)!, writer, withHeader: exported == 0, cancellationToken))
                {
                    exported++;
                }
                else
                {
                    missing++;
                    await Console.Error.WriteLineAsync($"No account {key}");
                }
            }

            await writer.FlushAsync(cancellationToken);
            if (file is not null)
            {
                Console.WriteLine($"Exported {exported} accounts to {file.FullName}");
            }

            return missing == 0 ? 0 : 4;
        });
        return command;
    }

    private static async IAsyncEnumerable<string> AllAccountsAsync(MonitorClient client, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await client.ListAccountsAsync(new AccountListQuery(null, null, null, null, offset, PageSize), cancellationToken);
            foreach (var account in page.Items)
            {
                yield return account.Account;
            }

            if (page.Items.Count < PageSize)
            {
                yield break;
            }
        }
    }
}
