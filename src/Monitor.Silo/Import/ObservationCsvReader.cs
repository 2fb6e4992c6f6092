using System.Globalization;
using System.Runtime.CompilerServices;
using Monitor.Abstractions.Accounts;

namespace Monitor.Silo.Import;

/// <summary>
/// Streams the rows of an import file, one at a time so memory stays flat in the file's size. Reads the seed format
/// (<see cref="SeedRow.Header"/>) and the generic format (<see cref="GenericHeader"/>), chosen by the header; <c>#</c> lines are comments.
/// </summary>
public static class ObservationCsvReader
{
    /// <summary>The generic format's header.</summary>
    public const string GenericHeader = "account,timestamp,followers,following,posts";

    /// <summary>
    /// The rows of <paramref name="reader"/>. A malformed data row is passed to <paramref name="onBadRow"/> (line number, reason)
    /// and skipped, or throws <see cref="FormatException"/> naming its line when there is no handler; an unknown header always throws.
    /// </summary>
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(
        TextReader reader, string source, Action<int, string>? onBadRow = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lineNumber = 0;
        bool? seed = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line.TrimStart().StartsWith('#') || line.Trim().Length == 0)
            {
                continue;
            }

            var fields = CsvFields.Split(line);
            if (seed is null)
            {
                var header = string.Join(',', fields).ToLowerInvariant();
                seed = header switch
                {
                    SeedRow.Header => true,
                    GenericHeader => false,
                    _ => throw new FormatException($"line {lineNumber}: unknown header '{line}'; expected '{SeedRow.Header}' or '{GenericHeader}'"),
                };
                continue;
            }

            CsvRecord? record = null;
            try
            {
                if (seed.Value)
                {
                    var row = SeedRow.Parse(fields);
                    record = new CsvRecord(lineNumber, row.ToObservation(source), row);
                }
                else
                {
                    record = new CsvRecord(lineNumber, ParseGeneric(fields, source), null);
                }
            }
            catch (FormatException ex) when (onBadRow is not null)
            {
                onBadRow(lineNumber, ex.Message);
            }
            catch (FormatException ex)
            {
                throw new FormatException($"line {lineNumber}: {ex.Message}", ex);
            }

            if (record is not null)
            {
                yield return record;
            }
        }
    }

    private static ObservationInput ParseGeneric(List<string> fields, string source)
    {
        if (fields.Count != 5)
        {
            throw new FormatException($"expected 5 columns ({GenericHeader}), got {fields.Count}");
        }

        if (!DateTimeOffset.TryParse(fields[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
        {
            throw new FormatException($"timestamp '{fields[1]}' is not an ISO 8601 timestamp");
        }

        return new ObservationInput(
            fields[0],
            timestamp,
            CsvFields.ParseCount(fields[2], "followers") ?? throw new FormatException("followers is empty"),
            CsvFields.ParseCount(fields[3], "following"),
            CsvFields.ParseCount(fields[4], "posts"),
            source);
    }
}
