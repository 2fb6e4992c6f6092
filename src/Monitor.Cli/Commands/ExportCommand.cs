using System.CommandLine;
using System.Text.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Http;
using Monitor.Client;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>export [key...]</c>: writes the history of some accounts (or every account) in the generic CSV format
/// (<c>account,timestamp,followers,following,posts</c>), the format <c>import</c> reads and <c>GET /api/accounts/{key}/history?format=csv</c> serves.
/// A named account that does not exist fails the export before anything is written; a file is written under another name
/// and renamed into place only when every account was written, so a failed export leaves no file (nor half of one) behind.
/// </summary>
public static class ExportCommand
{
    // Accounts listed per request when exporting all of them.
    private const int PageSize = 1000;

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var keys = new Argument<string[]>("key") { Description = "Accounts to export; none: every account.", Arity = ArgumentArity.ZeroOrMore };
        var file = new Option<FileInfo?>("--file", "-f") { Description = "File to write; default: standard output." };
        var resolution = new Option<string>("--resolution")
        {
            Description = "raw (every point kept), hour or day.",
            DefaultValueFactory = _ => "raw",
        };
        resolution.AcceptOnlyFromAmong("raw", "hour", "day");
        var command = new Command("export", "Export account histories as CSV (account,timestamp,followers,following,posts), ready to import again.")
        {
            keys,
            file,
            resolution,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = context.CreateHttp(parseResult, Timeout.InfiniteTimeSpan);
            var client = new MonitorClient(http);
            var requested = parseResult.GetValue(keys) ?? [];
            var missing = new List<string>();
            foreach (var key in requested)
            {
                if (await client.FindAccountAsync(key, cancellationToken) is null)
                {
                    missing.Add(key);
                }
            }

            if (missing.Count > 0)
            {
                await context.Error.WriteLineAsync($"error: no account {string.Join(", ", missing)}; nothing exported.");
                return ExitCodes.NotFound;
            }

            var target = parseResult.GetValue(file);
            var accounts = requested.Length > 0 ? requested.ToAsyncEnumerable() : AllAccountsAsync(client, cancellationToken);
            var resolutionName = parseResult.GetValue(resolution)!;
            var (exported, gone) = target is null
                ? await WriteAsync(client, accounts, resolutionName, context.Out, cancellationToken)
                : await WriteFileAsync(client, accounts, resolutionName, target, cancellationToken);
            if (gone is not null)
            {
                await context.Error.WriteLineAsync($"error: account {gone} was removed during the export; nothing exported.");
                return ExitCodes.NotFound;
            }

            if (context.IsJson(parseResult))
            {
                // With the CSV on standard output, the figures go to standard error.
                await (target is null ? context.Error : context.Out).WriteLineAsync(
                    JsonSerializer.Serialize(new { exported, file = target?.FullName }, ApiConventions.Json));
            }
            else if (target is not null)
            {
                await context.Out.WriteLineAsync($"Exported {exported} account{(exported == 1 ? "" : "s")} to {target.FullName}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // Writes to a file beside the target and moves it into place only when every account was written.
    private static async Task<(int Exported, string? Gone)> WriteFileAsync(
        MonitorClient client, IAsyncEnumerable<string> accounts, string resolution, FileInfo target, CancellationToken cancellationToken)
    {
        var partial = Path.Combine(target.DirectoryName ?? ".", $".{target.Name}.{Guid.NewGuid():N}.partial");
        try
        {
            (int Exported, string? Gone) result;
            await using (var writer = new StreamWriter(partial))
            {
                result = await WriteAsync(client, accounts, resolution, writer, cancellationToken);
            }

            if (result.Gone is null)
            {
                File.Move(partial, target.FullName, overwrite: true);
            }

            return result;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static async Task<(int Exported, string? Gone)> WriteAsync(
        MonitorClient client, IAsyncEnumerable<string> accounts, string resolution, TextWriter writer, CancellationToken cancellationToken)
    {
        var exported = 0;
        await foreach (var key in accounts)
        {
            if (!await client.WriteHistoryCsvAsync(key, resolution, writer, withHeader: exported == 0, cancellationToken))
            {
                return (exported, key);
            }

            exported++;
        }

        await writer.FlushAsync(cancellationToken);
        return (exported, null);
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
