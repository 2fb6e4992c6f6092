using System.Globalization;
using System.Text;

namespace Monitor.Import;

/// <summary>Splits one CSV line into fields (RFC 4180 quoting within the line: "a,b" and "" for a quote).</summary>
public static class CsvFields
{
    /// <summary>The fields of <paramref name="line"/>, unquoted and trimmed.</summary>
    public static List<string> Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        // Both import formats have 5 or 7 columns: room for them without growing.
        var fields = new List<string>(8);
        if (!line.Contains('"', StringComparison.Ordinal))
        {
            // The common line, with no quoting: cut it at the commas.
            foreach (var range in line.AsSpan().Split(','))
            {
                fields.Add(line.AsSpan(range).Trim().ToString());
            }

            return fields;
        }

        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString().Trim());
        return fields;
    }

    /// <summary>A count column: empty is null; anything but a whole number of 0 or more throws <see cref="FormatException"/> naming the column.</summary>
    public static long? ParseCount(ReadOnlySpan<char> value, string column)
    {
        if (value.IsEmpty)
        {
            return null;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new FormatException($"{column} '{value}' is not a whole number of 0 or more");
    }
}
