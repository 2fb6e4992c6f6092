namespace Monitor.Silo.Api;

/// <summary>TEMPORARY until Monitor.Core's AccountKey lands (final version kept aside).</summary>
public static class AccountKeyRule
{
    public static bool TryCanonicalize(string? key, out string grainKey, out string reason)
    {
        grainKey = key ?? "";
        reason = "not a valid account key (platform:id)";
        return !string.IsNullOrWhiteSpace(key) && key.IndexOf(':', StringComparison.Ordinal) > 0 && !key.Contains(' ', StringComparison.Ordinal);
    }
}
