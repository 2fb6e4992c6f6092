using System.Globalization;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Monitor.Silo.Telemetry;

/// <summary>
/// Renders the SDK's aggregated metrics as Prometheus text exposition format 0.0.4 each time its reader collects:
/// counters get <c>_total</c>, histograms cumulative <c>_bucket{le=...}</c>, <c>_sum</c> and <c>_count</c>; names and label
/// names are sanitised, label values and help text escaped.
/// </summary>
public sealed class PrometheusTextExporter : BaseExporter<Metric>
{
    private string _last = "";

    /// <summary>The text of the most recent collection.</summary>
    public string Last => Volatile.Read(ref _last);

    public override ExportResult Export(in Batch<Metric> batch)
    {
        var text = new StringBuilder(16 * 1024);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in batch)
        {
            Write(text, metric, seen);
        }

        Volatile.Write(ref _last, text.ToString());
        return ExportResult.Success;
    }

    /// <summary>A metric or label name reduced to <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c> (label names without colons).</summary>
    public static string SanitizeName(string name, bool label = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (c == ':' && !label) ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>A label value with backslash, double quote and line feed escaped.</summary>
    public static string EscapeLabelValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    /// <summary>HELP text with backslash and line feed escaped.</summary>
    public static string EscapeHelp(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    /// <summary>The Prometheus base name of an OpenTelemetry instrument: sanitised, with its unit as a suffix.</summary>
    public static string BaseName(string name, string? unit)
    {
        var sanitized = SanitizeName(name);
        var suffix = unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => "",
        };
        return suffix.Length > 0 && !sanitized.EndsWith(suffix, StringComparison.Ordinal) ? sanitized + suffix : sanitized;
    }

    private static void Write(StringBuilder text, Metric metric, HashSet<string> seen)
    {
        var name = BaseName(metric.Name, metric.Unit);
        var (type, sampleName) = metric.MetricType switch
        {
            MetricType.LongSum or MetricType.DoubleSum => ("counter", name.EndsWith("_total", StringComparison.Ordinal) ? name : name + "_total"),
            MetricType.Histogram => ("histogram", name),
            MetricType.LongGauge or MetricType.DoubleGauge or MetricType.LongSumNonMonotonic or MetricType.DoubleSumNonMonotonic => ("gauge", name),
            _ => (null, name),
        };

        // Exponential histograms are not configured; a name two meters share is written once (Prometheus forbids repeats).
        if (type is null || !seen.Add(sampleName))
        {
            return;
        }

        var familyName = type == "counter" ? sampleName[..^"_total".Length] : sampleName;
        if (!string.IsNullOrEmpty(metric.Description))
        {
            text.Append("# HELP ").Append(familyName).Append(' ').Append(EscapeHelp(metric.Description)).Append('\n');
        }

        text.Append("# TYPE ").Append(familyName).Append(' ').Append(type).Append('\n');
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var labels = Labels(point);
            switch (metric.MetricType)
            {
                case MetricType.LongSum:
                case MetricType.LongSumNonMonotonic:
                    Sample(text, sampleName, labels, null, point.GetSumLong());
                    break;
                case MetricType.DoubleSum:
                case MetricType.DoubleSumNonMonotonic:
                    Sample(text, sampleName, labels, null, point.GetSumDouble());
                    break;
                case MetricType.LongGauge:
                    Sample(text, sampleName, labels, null, point.GetGaugeLastValueLong());
                    break;
                case MetricType.DoubleGauge:
                    Sample(text, sampleName, labels, null, point.GetGaugeLastValueDouble());
                    break;
                case MetricType.Histogram:
                    long cumulative = 0;
                    foreach (var bucket in point.GetHistogramBuckets())
                    {
                        cumulative += bucket.BucketCount;
                        var le = double.IsPositiveInfinity(bucket.ExplicitBound) ? "+Inf" : Format(bucket.ExplicitBound);
                        Sample(text, sampleName + "_bucket", labels, le, cumulative);
                    }

                    Sample(text, sampleName + "_sum", labels, null, point.GetHistogramSum());
                    Sample(text, sampleName + "_count", labels, null, point.GetHistogramCount());
                    break;
            }
        }
    }

    private static List<KeyValuePair<string, string>> Labels(in MetricPoint point)
    {
        var labels = new List<KeyValuePair<string, string>>();
        foreach (var tag in point.Tags)
        {
            labels.Add(new(SanitizeName(tag.Key, label: true), Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? ""));
        }

        return labels;
    }

    private static void Sample(StringBuilder text, string name, List<KeyValuePair<string, string>> labels, string? le, double value) =>
        Sample(text, name, labels, le, Format(value));

    private static void Sample(StringBuilder text, string name, List<KeyValuePair<string, string>> labels, string? le, long value) =>
        Sample(text, name, labels, le, value.ToString(CultureInfo.InvariantCulture));

    private static void Sample(StringBuilder text, string name, List<KeyValuePair<string, string>> labels, string? le, string value)
    {
        text.Append(name);
        if (labels.Count > 0 || le is not null)
        {
            text.Append('{');
            var first = true;
            foreach (var (key, labelValue) in labels)
            {
                if (!first)
                {
                    text.Append(',');
                }

                first = false;
                text.Append(key).Append("=\"").Append(EscapeLabelValue(labelValue)).Append('"');
            }

            if (le is not null)
            {
                text.Append(first ? "" : ",").Append("le=\"").Append(le).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(value).Append('\n');
    }

    private static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
