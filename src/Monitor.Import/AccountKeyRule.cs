using Monitor.Core.Accounts;

namespace Monitor.Import;

/// <summary>Checks an account key with the domain's <see cref="AccountKey"/> before anything is routed to a grain.</summary>
public static class AccountKeyRule
{
    /// <summary>
    /// True when <paramref name="key"/> is a valid account key; <paramref name="grainKey"/> is then its canonical form,
    /// the key its grain is addressed by (so spellings the domain treats as equal reach the same grain).
    /// </summary>
    public static bool TryCanonicalize(string? key, out string grainKey, out string reason)
    {
        grainKey = "";
        if (string.IsNullOrWhiteSpace(key))
        {
            reason = "an account key is required (platform:id, e.g. x:2996296402 or bluesky:did:plc:...)";
            return false;
        }

        if (!AccountKey.TryParse(key, out var parsed, out var error))
        {
            reason = error;
            return false;
        }

        grainKey = parsed.ToString();
        reason = "";
        return true;
    }
}
