using System.Text.RegularExpressions;

namespace Monitor.Api;

/// <summary>
/// A query or route value the framework could not convert to its parameter's type, reworded for people: the framework
/// says <c>Failed to bind parameter "Nullable&lt;DateTimeOffset&gt; since" from "yesterday"</c>; this names the parameter, the
/// value and what to write instead.
/// </summary>
public sealed partial record ParameterBindingFailure(string Parameter, string Value, string Expected)
{
    /// <summary>What the problem's <c>detail</c> says.</summary>
    public string Detail => $"'{Parameter}' has the invalid value '{Value}': {Expected}";

    /// <summary>Reads the framework's binding message; false for any other message.</summary>
    public static bool TryParse(string message, out ParameterBindingFailure failure)
    {
        ArgumentNullException.ThrowIfNull(message);
        failure = null!;
        var match = BindingMessage().Match(message);
        if (!match.Success)
        {
            return false;
        }

        failure = new ParameterBindingFailure(match.Groups["name"].Value, match.Groups["value"].Value, Describe(match.Groups["type"].Value));
        return true;
    }

    private static string Describe(string type) => StripNullable(type) switch
    {
        "DateTimeOffset" or "DateTime" => "must be an ISO 8601 date-time with its offset, e.g. 2024-10-10T00:00:00Z, or a date, e.g. 2024-10-10 (midnight UTC).",
        "Int32" or "Int64" or "int" or "long" => "must be a whole number, e.g. 100.",
        "Double" or "double" => "must be a number, e.g. 0.5.",
        "Boolean" or "bool" => "must be true or false.",
        "TimeSpan" => "must be a duration as [d.]hh:mm:ss, e.g. 01:00:00 for an hour.",
        var other => $"must be a {other}.",
    };

    private static string StripNullable(string type) =>
        type.StartsWith("Nullable<", StringComparison.Ordinal) && type.EndsWith('>') ? type["Nullable<".Length..^1] : type;

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^" ]+) (?<name>[^"]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex BindingMessage();
}
