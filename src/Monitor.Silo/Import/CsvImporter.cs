using Monitor.Abstractions.Accounts;
using Monitor.Silo.Cli;

namespace Monitor.Silo.Import;

/// <summary>
/// Imports a CSV file into a running silo: registers the accounts of seed rows (with their groups) before their
/// observations, and posts observations in batches, so memory stays flat however long the file is.
/// </summary>
public sealed class CsvImporter(MonitorClient client, int batchSize, TextWriter output)
{
    /// <summary>The source recorded on imported observations.</summary>
    public const string Source = "csv-import";

    // Rejections printed in full before the importer only counts them.
    private const int MaxPrintedRejections = 20;

    private readonly Dictionary<string, HashSet<string>> _registeredGroups = new(StringComparer.Ordinal);
    private int _accepted;
    private int _duplicates;
    private int _rejected;

    /// <summary>Reads every row of <paramref name="reader"/> and sends it; a malformed row stops the import with its line number.</summary>
    public async Task<ImportSummary> ImportAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var batch = new List<ObservationInput>(batchSize);
        var lines = new List<int>(batchSize);
        var rows = 0;
        var registered = 0;
        await foreach (var record in ObservationCsvReader.ReadAsync(reader, Source, cancellationToken))
        {
            rows++;
            if (record.Seed is { } seed && await RegisterAsync(seed, cancellationToken))
            {
                registered++;
            }

            batch.Add(record.Observation);
            lines.Add(record.Line);
            if (batch.Count == batchSize)
            {
                await SendAsync(batch, lines, cancellationToken);
            }
        }

        await SendAsync(batch, lines, cancellationToken);
        return new ImportSummary(rows, registered, _accepted, _duplicates, _rejected);
    }

    /// <summary>Registers a seed row's account, or re-registers it when the row names a group it was not given yet.</summary>
    private async Task<bool> RegisterAsync(SeedRow seed, CancellationToken cancellationToken)
    {
        var isNew = !_registeredGroups.TryGetValue(seed.AccountKey, out var groups);
        groups ??= new HashSet<string>(StringComparer.Ordinal);
        if (!isNew && seed.Groups.All(groups.Contains))
        {
            return false;
        }

        groups.UnionWith(seed.Groups);
        _registeredGroups[seed.AccountKey] = groups;
        await client.PutAccountAsync(seed.AccountKey, new AccountProfile(seed.Handle, seed.DisplayName, groups.Order(StringComparer.Ordinal).ToList()), cancellationToken);
        return isNew;
    }

    private async Task SendAsync(List<ObservationInput> batch, List<int> lines, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var result = await client.PostObservationsAsync(batch, cancellationToken);
        _accepted += result.Accepted;
        _duplicates += result.Duplicates;
        foreach (var rejection in result.Rejected)
        {
            if (++_rejected <= MaxPrintedRejections)
            {
                var line = rejection.Index >= 0 && rejection.Index < lines.Count ? lines[rejection.Index].ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";
                await output.WriteLineAsync($"line {line}: {rejection.Account} rejected, {rejection.Field} {rejection.Reason}");
            }
        }

        batch.Clear();
        lines.Clear();
    }
}
