using System.CommandLine;
using Monitor.Silo.Api;
using Monitor.Silo.Import;

namespace Monitor.Silo.Cli;

/// <summary>
/// <c>import &lt;csv&gt;</c>: streams a seed-format or generic CSV file of any size to a running silo (<c>POST /api/import</c>),
/// showing progress on a terminal, and prints the rows the silo refused with their line numbers.
/// </summary>
public static class ImportCommand
{
    // Bad rows printed in full; the rest are only counted (the silo lists the first 100).
    private const int MaxPrintedErrors = 20;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("csv") { Description = $"CSV file: '{SeedRow.Header}' or '{ObservationCsvReader.GenericHeader}'; '#' lines are comments." };
        var server = ServerOption.Create();
        var batchSize = new Option<int?>("--batch-size")
        {
            Description = $"Rows the silo stores per round of grain calls (1-{ImportEndpoints.MaxWindowRows}; default {ImportEndpoints.DefaultWindowRows}).",
        };
        var command = new Command("import", "Import observations (and, for the seed format, accounts with their groups) from a CSV file.")
        {
            file,
            server,
            batchSize,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(file)!;
            using var http = ServerOption.CreateHttpClient(parseResult.GetValue(server)!, Timeout.InfiniteTimeSpan);
            await using var csv = new CountingReadStream(new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));
            ImportSummary summary;
            var progress = Console.IsErrorRedirected ? null : new ImportProgressDisplay(csv, path.Length, Console.Error);
            await using (progress)
            {
                progress?.Start();
                summary = await new MonitorClient(http).ImportAsync(csv, parseResult.GetValue(batchSize), path.Length, cancellationToken);
            }

            foreach (var error in summary.Errors.Take(MaxPrintedErrors))
            {
                Console.WriteLine($"line {error.Line}: {error.Account ?? "row"} rejected, {error.Field}: {error.Reason}");
            }

            if (summary.Rejected > MaxPrintedErrors)
            {
                Console.WriteLine($"... and {summary.Rejected - MaxPrintedErrors} more rejected rows.");
            }

            Console.WriteLine(
                $"Imported {path.Name}: {summary.Rows} rows, {summary.AccountsRegistered} accounts registered, " +
                $"{summary.Accepted} accepted, {summary.Duplicates} duplicates, {summary.Rejected} rejected.");
            return summary.Rejected == 0 ? 0 : 3;
        });
        return command;
    }
}
