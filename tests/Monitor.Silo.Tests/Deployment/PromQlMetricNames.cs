using System.Text.RegularExpressions;

namespace Monitor.Silo.Tests.Deployment;

/// <summary>The metric names a PromQL expression (or a Grafana <c>label_values</c> variable query) selects.</summary>
public static partial class PromQlMetricNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan",
    };

    /// <summary>The metric names in <paramref name="expression"/>: identifiers that are not functions, keywords, labels or durations.</summary>
    public static IReadOnlyList<string> Extract(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = StringLiteral().Replace(expression, "\"\"");
        text = LabelMatchers().Replace(text, " ");
        text = RangeOrSubquery().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        text = GrafanaVariable().Replace(text, " ");
        return Identifier().Matches(text).Select(match => match.Value).Where(name => !Keywords.Contains(name)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The metric of a Grafana Prometheus variable query such as <c>label_values(metric, label)</c>; empty for other queries.</summary>
    public static IReadOnlyList<string> ExtractFromVariableQuery(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var labelValues = LabelValues().Match(query);
        return labelValues.Success ? Extract(labelValues.Groups["selector"].Value) : Extract(query);
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeOrSubquery();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\$\{?\w+\}?")]
    private static partial Regex GrafanaVariable();

    // Whole identifiers (not the tail of a number such as 1e3) that are not followed by '(' (functions and aggregations).
    [GeneratedRegex(@"(?<![\w:.])(?>[a-zA-Z_:][a-zA-Z0-9_:]*)(?!\s*\()")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^\s*label_values\(\s*(?<selector>[^,]+?)\s*,\s*\w+\s*\)\s*$")]
    private static partial Regex LabelValues();
}
