using System.CommandLine;
using Monitor.Silo.Import;

namespace Monitor.Silo.Cli;

/// <summary><c>import &lt;csv&gt;</c>: sends a seed-format or generic CSV file to a running silo in batches.</summary>
public static class ImportCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("csv") { Description = $"CSV file: '{SeedRow.Header}' or '{ObservationCsvReader.GenericHeader}'; '#' lines are comments." };
        var server = ServerOption.Create();
        var batchSize = new Option<int>("--batch-size") { Description = "Observations per request.", DefaultValueFactory = _ => 1000 };
        var command = new Command("import", "Import observations (and, for the seed format, accounts with their groups) from a CSV file.")
        {
            file,
            server,
            batchSize,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(file)!;
            using var http = ServerOption.CreateHttpClient(parseResult.GetValue(server)!);
            using var reader = new StreamReader(path.FullName);
            var importer = new CsvImporter(new MonitorClient(http), parseResult.GetValue(batchSize), Console.Out);
            var summary = await importer.ImportAsync(reader, cancellationToken);
            Console.WriteLine(
                $"Imported {path.Name}: {summary.Rows} rows, {summary.AccountsRegistered} accounts registered, " +
                $"{summary.Accepted} accepted, {summary.Duplicates} duplicates, {summary.Rejected} rejected.");
            return summary.Rejected == 0 ? 0 : 3;
        });
        return command;
    }
}
