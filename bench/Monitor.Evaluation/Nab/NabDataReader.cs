using System.Globalization;

namespace Monitor.Evaluation.Nab;

/// <summary>
/// Reads a NAB data file: a "timestamp,value" header, then one row per interval. Rows are kept in file order whatever their
/// timestamps: NAB has repeated timestamps (realAdExchange/exchange-2_*, 2011-08-24 12:00:01) and, in its full corpus, clocks
/// set back an hour; NAB scores every row, so the reader keeps every row.
/// </summary>
internal static class NabDataReader
{
    /// <summary>Reads all rows; <paramref name="source"/> names the file in error messages.</summary>
    public static IReadOnlyList<NabRow> Read(TextReader reader, string source)
    {
        var header = reader.ReadLine();
        if (header is null || !string.Equals(header.Trim(), "timestamp,value", StringComparison.Ordinal))
        {
            throw new FormatException($"{source}: header '{header}' is not 'timestamp,value'.");
        }

        var rows = new List<NabRow>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0)
            {
                throw new FormatException($"{source} line {lineNumber}: row '{line}' has no value column.");
            }

            var timestamp = NabTimestamp.Parse(line[..comma], $"{source} line {lineNumber}");
            var valueText = line[(comma + 1)..];
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw new FormatException($"{source} line {lineNumber}: value '{valueText}' is not a finite number.");
            }

            rows.Add(new NabRow(timestamp, value));
        }

        return rows;
    }

    /// <summary>Reads a data file from disk.</summary>
    public static IReadOnlyList<NabRow> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }
}
