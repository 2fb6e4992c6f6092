namespace Monitor.Api;

/// <summary>The words alert filters accept, so a typo is a 400 instead of an empty page.</summary>
public static class AlertVocabulary
{
    /// <summary>Alert kinds.</summary>
    public static readonly string[] Kinds = ["spike", "surge", "drop", "stall", "unavailable", "outage"];

    /// <summary>Alert severities.</summary>
    public static readonly string[] Severities = ["info", "warning", "critical"];

    /// <summary>Alert statuses.</summary>
    public static readonly string[] Statuses = ["open", "acknowledged", "resolved"];

    /// <summary>True when <paramref name="value"/> is null or one of <paramref name="allowed"/>.</summary>
    public static bool IsNullOrOneOf(string? value, string[] allowed) => value is null || allowed.Contains(value, StringComparer.Ordinal);

    /// <summary>The allowed words as a sentence fragment: "a, b or c".</summary>
    public static string Describe(string[] allowed) => string.Join(", ", allowed[..^1]) + " or " + allowed[^1];
}
