using System.CommandLine;
using Monitor.Abstractions.Import;
using Monitor.Cli.Import;
using Monitor.Client;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>import &lt;csv&gt;</c>: streams a seed-format or generic CSV file of any size to a running silo (<c>POST /api/import</c>),
/// showing progress on a terminal, and prints the rows the silo refused with their line numbers.
/// </summary>
public static class ImportCommand
{
    // Bad rows printed in full; the rest are only counted (the silo lists the first 100).
    private const int MaxPrintedErrors = 20;

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var file = new Argument<FileInfo>("csv")
        {
            Description = "CSV file: the seed format 'platform,handle,display_name,groups,observed_on,followers,posts' or the generic " +
                "'account,timestamp,followers,following,posts'; '#' lines are comments.",
        };
        var batchSize = new Option<int?>("--batch-size") { Description = "Rows the silo stores per round of grain calls (default: the silo's, 250,000)." };
        var command = new Command("import", "Import observations (and, for the seed format, accounts with their groups) from a CSV file.")
        {
            file,
            batchSize,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(file)!;
            using var http = context.CreateHttp(parseResult, Timeout.InfiniteTimeSpan);
            await using var csv = new CountingReadStream(new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));
            ImportSummary summary;
            var progress = context.ErrorIsTerminal ? new ImportProgressDisplay(csv, path.Length, context.Error) : null;
            await using (progress)
            {
                progress?.Start();
                summary = await new MonitorClient(http).ImportAsync(csv, parseResult.GetValue(batchSize), path.Length, cancellationToken);
            }

            if (context.IsJson(parseResult))
            {
                await context.WriteJsonAsync(summary);
            }
            else
            {
                await PrintAsync(context.Out, path, summary);
            }

            return summary.Rejected == 0 ? ExitCodes.Success : ExitCodes.RowsRejected;
        });
        return command;
    }

    private static async Task PrintAsync(TextWriter output, FileInfo path, ImportSummary summary)
    {
        foreach (var error in summary.Errors.Take(MaxPrintedErrors))
        {
            await output.WriteLineAsync($"line {error.Line}: {error.Account ?? "row"} rejected, {error.Field}: {error.Reason}");
        }

        if (summary.Rejected > MaxPrintedErrors)
        {
            await output.WriteLineAsync($"... and {summary.Rejected - MaxPrintedErrors} more rejected rows.");
        }

        await output.WriteLineAsync(
            $"Imported {path.Name}: {summary.Rows} rows, {summary.AccountsRegistered} accounts registered, " +
            $"{summary.Accepted} accepted, {summary.Duplicates} duplicates, {summary.Rejected} rejected.");
    }
}
