using System.Runtime.CompilerServices;
using Monitor.Abstractions.Accounts;
using Monitor.Core.Accounts;

namespace Monitor.Import;

/// <summary>
/// Streams the rows of an import file, one at a time so memory stays flat in the file's size. Reads the seed format
/// (<see cref="SeedRow.Header"/>) and the generic format (<see cref="GenericHeader"/>), chosen by the header; <c>#</c> lines are comments.
/// </summary>
public static class ObservationCsvReader
{
    /// <summary>The generic format's header.</summary>
    public const string GenericHeader = "account,timestamp,followers,following,posts";

    /// <summary>The generic format with the optional count resolution column (<c>exact</c>, <c>3sf</c>, <c>step:1000</c>; empty when unknown).</summary>
    public const string GenericResolutionHeader = GenericHeader + ",resolution";

    /// <summary>
    /// The rows of <paramref name="reader"/>. A malformed data row is passed to <paramref name="onBadRow"/> (line number, reason)
    /// and skipped, or throws <see cref="FormatException"/> naming its line when there is no handler; an unknown header always throws.
    /// A caller that checks each row's account with <paramref name="knownAccounts"/> gets the kept string for an account
    /// seen before instead of a new one per row.
    /// </summary>
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(
        TextReader reader, string source, Action<int, string>? onBadRow = null, [EnumeratorCancellation] CancellationToken cancellationToken = default,
        AccountKeyChecks? knownAccounts = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lines = new CsvLineReader(reader);
        var lineNumber = 0;
        bool? seed = null;
        var resolutionColumn = false;
        var entityColumn = false;
        while (await lines.ReadLineAsync(cancellationToken) is { } next)
        {
            lineNumber++;
            CsvRecord? record = null;
            try
            {
                if (next.TooLong)
                {
                    throw new FormatException($"line is longer than {CsvLineReader.DefaultMaxLineLength} characters");
                }

                var line = next.Text.Span;
                if (line.IsWhiteSpace() || line.TrimStart().StartsWith('#'))
                {
                    continue;
                }

                if (seed is null)
                {
                    seed = ReadHeader(line, lineNumber, out resolutionColumn, out entityColumn);
                    continue;
                }

                if (seed.Value)
                {
                    var row = SeedRow.Parse(CsvFields.Split(line.ToString()), entityColumn);
                    record = new CsvRecord(lineNumber, row.ToObservation(source), row);
                }
                else
                {
                    record = new CsvRecord(lineNumber, ParseGeneric(line, source, knownAccounts, resolutionColumn), null);
                }
            }
            catch (FormatException ex) when (onBadRow is not null && seed is not null)
            {
                onBadRow(lineNumber, ex.Message);
            }
            catch (FormatException ex) when (seed is not null)
            {
                throw new FormatException($"line {lineNumber}: {ex.Message}", ex);
            }

            if (record is { } parsed)
            {
                yield return parsed;
            }
        }
    }

    private static bool ReadHeader(ReadOnlySpan<char> line, int lineNumber, out bool resolutionColumn, out bool entityColumn)
    {
        var header = string.Join(',', CsvFields.Split(line.ToString())).ToLowerInvariant();
        resolutionColumn = header == GenericResolutionHeader;
        entityColumn = header == SeedRow.EntityHeader;
        return header switch
        {
            SeedRow.Header or SeedRow.EntityHeader => true,
            GenericHeader or GenericResolutionHeader => false,
            _ => throw new FormatException($"line {lineNumber}: unknown header '{line}'; expected '{SeedRow.Header}' (optionally ',entity'), '{GenericHeader}' or '{GenericResolutionHeader}'"),
        };
    }

    // The common generic row (no quotes) is cut and parsed in place; a quoted one goes through CsvFields.
    private static ObservationInput ParseGeneric(ReadOnlySpan<char> line, string source, AccountKeyChecks? knownAccounts, bool resolutionColumn)
    {
        var expected = resolutionColumn ? 6 : 5;
        var header = resolutionColumn ? GenericResolutionHeader : GenericHeader;
        if (line.Contains('"'))
        {
            var fields = CsvFields.Split(line.ToString());
            if (fields.Count != expected)
            {
                throw new FormatException($"expected {expected} columns ({header}), got {fields.Count}");
            }

            var observation = ParseGeneric(fields[0], fields[1], fields[2], fields[3], fields[4], source, knownAccounts);
            return resolutionColumn ? observation with { Resolution = ParseResolution(fields[5]) } : observation;
        }

        Span<Range> columns = stackalloc Range[7];
        var count = line.Split(columns, ',');
        if (count != expected)
        {
            throw new FormatException($"expected {expected} columns ({header}), got {(count == 7 ? line.Count(',') + 1 : count)}");
        }

        var parsed = ParseGeneric(line[columns[0]].Trim(), line[columns[1]].Trim(), line[columns[2]].Trim(), line[columns[3]].Trim(), line[columns[4]].Trim(), source, knownAccounts);
        return resolutionColumn ? parsed with { Resolution = ParseResolution(line[columns[5]].Trim()) } : parsed;
    }

    // An empty resolution column is unknown (the account infers it); anything else must parse.
    private static string? ParseResolution(ReadOnlySpan<char> text) =>
        text.IsEmpty ? null
        : CountResolution.TryParse(text.ToString(), out var resolution, out var error) ? resolution.ToString()
        : throw new FormatException(error);

    private static ObservationInput ParseGeneric(
        ReadOnlySpan<char> account, ReadOnlySpan<char> timestamp, ReadOnlySpan<char> followers, ReadOnlySpan<char> following, ReadOnlySpan<char> posts,
        string source, AccountKeyChecks? knownAccounts)
    {
        // The clock-skew limit is the importer's to apply (it knows the silo's clock); the shape rule is shared with JSON ingest.
        if (ObservationTimestamp.Check(timestamp, DateTimeOffset.MaxValue, out var at) is { } reason)
        {
            throw new FormatException($"timestamp {reason}");
        }

        return new ObservationInput(
            knownAccounts is not null && knownAccounts.TryGetKnown(account, out var known) ? known : account.ToString(),
            at,
            CsvFields.ParseCount(followers, "followers") ?? throw new FormatException("followers is empty"),
            CsvFields.ParseCount(following, "following"),
            CsvFields.ParseCount(posts, "posts"),
            source);
    }
}
