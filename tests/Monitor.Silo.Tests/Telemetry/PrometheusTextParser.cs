using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Monitor.Silo.Tests.Telemetry;

/// <summary>
/// A strict parser of Prometheus text exposition format 0.0.4: it throws <see cref="FormatException"/> naming the line for
/// anything a Prometheus server would refuse or that breaks the format's rules (names, escapes, values, one TYPE per family
/// before its samples, counter samples ending in _total, cumulative histogram buckets ending in +Inf that equal _count).
/// </summary>
public static partial class PrometheusTextParser
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    /// <summary>Parses <paramref name="text"/>; returns the samples and the declared type of each family.</summary>
    public static (List<PrometheusSample> Samples, Dictionary<string, string> Types) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var sampled = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        if (text.Length > 0 && lines[^1].Length != 0)
        {
            throw new FormatException("The exposition must end with a line feed.");
        }

        for (var number = 1; number <= lines.Length - 1; number++)
        {
            var line = lines[number - 1];
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[1] is "HELP" or "TYPE")
                {
                    if (!MetricName().IsMatch(parts[2]))
                    {
                        throw new FormatException($"Line {number}: bad metric name '{parts[2]}' in {parts[1]}.");
                    }

                    if (parts[1] == "TYPE")
                    {
                        if (parts.Length != 4 || !Types.Contains(parts[3]))
                        {
                            throw new FormatException($"Line {number}: bad TYPE line '{line}'.");
                        }

                        if (!types.TryAdd(parts[2], parts[3]))
                        {
                            throw new FormatException($"Line {number}: second TYPE for '{parts[2]}'.");
                        }

                        if (sampled.Contains(parts[2]))
                        {
                            throw new FormatException($"Line {number}: TYPE for '{parts[2]}' after its samples.");
                        }
                    }
                    else if (parts.Length == 4)
                    {
                        CheckHelpEscapes(parts[3], number);
                    }
                }

                continue;
            }

            var sample = ParseSample(line, number);
            sampled.Add(Family(sample.Name, types));
            samples.Add(sample);
        }

        CheckFamilies(samples, types);
        return (samples, types);
    }

    private static PrometheusSample ParseSample(string line, int number)
    {
        var position = 0;
        while (position < line.Length && line[position] is not ('{' or ' '))
        {
            position++;
        }

        var name = line[..position];
        if (!MetricName().IsMatch(name))
        {
            throw new FormatException($"Line {number}: bad metric name '{name}'.");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                var equals = line.IndexOf('=', position);
                var labelName = line[position..equals];
                if (!LabelName().IsMatch(labelName))
                {
                    throw new FormatException($"Line {number}: bad label name '{labelName}'.");
                }

                if (line[equals + 1] != '"')
                {
                    throw new FormatException($"Line {number}: label value of '{labelName}' is not quoted.");
                }

                var value = new StringBuilder();
                position = equals + 2;
                while (line[position] != '"')
                {
                    if (line[position] == '\\')
                    {
                        value.Append(line[position + 1] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            var other => throw new FormatException($"Line {number}: bad escape '\\{other}' in label '{labelName}'."),
                        });
                        position += 2;
                    }
                    else
                    {
                        value.Append(line[position++]);
                    }
                }

                if (!labels.TryAdd(labelName, value.ToString()))
                {
                    throw new FormatException($"Line {number}: label '{labelName}' repeated.");
                }

                position++;
                if (line[position] == ',')
                {
                    position++;
                }
                else if (line[position] != '}')
                {
                    throw new FormatException($"Line {number}: expected ',' or '}}' after label '{labelName}'.");
                }
            }

            position++;
        }

        if (position >= line.Length || line[position] != ' ')
        {
            throw new FormatException($"Line {number}: no space before the value.");
        }

        var fields = line[(position + 1)..].Split(' ');
        if (fields.Length is < 1 or > 2)
        {
            throw new FormatException($"Line {number}: expected a value and an optional timestamp.");
        }

        var number2 = fields[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            var text => throw new FormatException($"Line {number}: '{text}' is not a number."),
        };
        return new PrometheusSample(name, labels, number2);
    }

    private static void CheckHelpEscapes(string help, int number)
    {
        for (var i = 0; i < help.Length; i++)
        {
            if (help[i] == '\\' && (i + 1 >= help.Length || help[i + 1] is not ('\\' or 'n')))
            {
                throw new FormatException($"Line {number}: bad escape in HELP text.");
            }

            if (help[i] == '\\')
            {
                i++;
            }
        }
    }

    private static string Family(string sampleName, Dictionary<string, string> types)
    {
        foreach (var suffix in new[] { "_total", "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal) && types.ContainsKey(sampleName[..^suffix.Length]))
            {
                return sampleName[..^suffix.Length];
            }
        }

        return sampleName;
    }

    private static void CheckFamilies(List<PrometheusSample> samples, Dictionary<string, string> types)
    {
        foreach (var (family, type) in types)
        {
            var own = samples.Where(sample => Family(sample.Name, types) == family).ToList();
            switch (type)
            {
                case "counter":
                    // Format 0.0.4 names a counter's family with or without its _total (OpenTelemetry's exporter: with).
                    var total = family.EndsWith("_total", StringComparison.Ordinal) ? family : family + "_total";
                    if (own.Any(sample => sample.Name != total || sample.Value < 0))
                    {
                        throw new FormatException($"Counter '{family}' has a sample not named {total} or a negative value.");
                    }

                    break;
                case "histogram":
                    foreach (var series in own.Where(s => s.Name == family + "_bucket").GroupBy(s => SeriesKey(s, "le")))
                    {
                        var buckets = series.ToList();
                        if (buckets[^1].Labels["le"] != "+Inf")
                        {
                            throw new FormatException($"Histogram '{family}' {series.Key}: the last bucket is not le=\"+Inf\".");
                        }

                        for (var i = 1; i < buckets.Count; i++)
                        {
                            if (buckets[i].Value < buckets[i - 1].Value
                                || ParseLe(buckets[i].Labels["le"]) <= ParseLe(buckets[i - 1].Labels["le"]))
                            {
                                throw new FormatException($"Histogram '{family}' {series.Key}: buckets are not cumulative in increasing le.");
                            }
                        }

                        var count = own.SingleOrDefault(s => s.Name == family + "_count" && SeriesKey(s, null) == series.Key)
                            ?? throw new FormatException($"Histogram '{family}' {series.Key} has no _count.");
                        if (count.Value != buckets[^1].Value)
                        {
                            throw new FormatException($"Histogram '{family}' {series.Key}: _count {count.Value} differs from the +Inf bucket {buckets[^1].Value}.");
                        }

                        _ = own.SingleOrDefault(s => s.Name == family + "_sum" && SeriesKey(s, null) == series.Key)
                            ?? throw new FormatException($"Histogram '{family}' {series.Key} has no _sum.");
                    }

                    break;
            }
        }
    }

    private static double ParseLe(string le) => le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);

    private static string SeriesKey(PrometheusSample sample, string? without) =>
        string.Join(',', sample.Labels.Where(label => label.Key != without).OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}={label.Value}"));

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
