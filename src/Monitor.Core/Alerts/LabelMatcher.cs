using System.Text.RegularExpressions;

namespace Monitor.Core.Alerts;

/// <summary>
/// One label matcher as Alertmanager writes them: <c>name=value</c>, <c>name!=value</c>, <c>name=~regex</c>,
/// <c>name!~regex</c>. A regex matches the whole value (it is anchored). A label may have several values (an account's
/// groups): a positive matcher matches when one value does, a negative one when none does.
/// </summary>
public sealed class LabelMatcher
{
    /// <summary>The operators, in the order they are tried when parsing <c>name{op}value</c>.</summary>
    public static readonly string[] Operators = ["=~", "!~", "!=", "="];

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    private readonly Regex? _regex;

    /// <summary>Creates a matcher; throws <see cref="ArgumentException"/> on an unknown operator or a regex that does not parse.</summary>
    public LabelMatcher(string name, string op, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (Array.IndexOf(Operators, op) < 0)
        {
            throw new ArgumentException($"Operator '{op}' is not one of {string.Join(", ", Operators)}.", nameof(op));
        }

        Name = name;
        Operator = op;
        Value = value;
        if (IsRegex)
        {
            try
            {
                _regex = new Regex($"^(?:{value})$", RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException error)
            {
                throw new ArgumentException($"'{value}' is not a valid regular expression: {error.Message}", nameof(value), error);
            }
        }
    }

    public string Name { get; }

    public string Operator { get; }

    public string Value { get; }

    public bool IsRegex => Operator is "=~" or "!~";

    public bool IsNegative => Operator is "!=" or "!~";

    /// <summary>Whether the label's values satisfy the matcher (no value at all is the empty string).</summary>
    public bool Matches(IReadOnlyCollection<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var any = values.Count == 0 ? MatchesOne(string.Empty) : values.Any(MatchesOne);
        return IsNegative ? !any : any;
    }

    /// <summary>Parses <c>name=value</c> (or another operator); false with a reason when it is not one.</summary>
    public static bool TryParse(string text, out LabelMatcher? matcher, out string error)
    {
        matcher = null;
        foreach (var op in Operators)
        {
            var at = text.IndexOf(op, StringComparison.Ordinal);
            if (at <= 0)
            {
                continue;
            }

            try
            {
                matcher = new LabelMatcher(text[..at].Trim(), op, text[(at + op.Length)..].Trim().Trim('"'));
                error = string.Empty;
                return true;
            }
            catch (ArgumentException exception)
            {
                error = exception.Message;
                return false;
            }
        }

        error = $"'{text}' is not a matcher like name=value, name!=value, name=~regex or name!~regex.";
        return false;
    }

    private bool MatchesOne(string value) =>
        _regex is not null ? _regex.IsMatch(value) : string.Equals(value, Value, StringComparison.OrdinalIgnoreCase);
}
