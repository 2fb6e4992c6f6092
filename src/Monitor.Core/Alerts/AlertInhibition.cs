namespace Monitor.Core.Alerts;

/// <summary>
/// Domain inhibition: which open alerts explain (and so mute) which others. A platform outage explains the drop and
/// stall alerts of that platform's accounts; an account that cannot be read (unavailable) explains its own drop and stall.
/// </summary>
public static class AlertInhibition
{
    /// <summary>Whether an alert of <paramref name="kind"/> can be inhibited (drop, stall).</summary>
    public static bool CanBeInhibited(string kind) =>
        Is(kind, AlertKind.Drop) || Is(kind, AlertKind.Stall);

    /// <summary>Whether an alert of <paramref name="kind"/> inhibits others while it is open (outage, unavailable).</summary>
    public static bool Inhibits(string kind) =>
        Is(kind, AlertKind.Outage) || Is(kind, AlertKind.Unavailable);

    /// <summary>
    /// Whether an open inhibitor (<paramref name="inhibitorKind"/> on <paramref name="inhibitorPlatform"/> /
    /// <paramref name="inhibitorAccount"/>) explains an alert of <paramref name="kind"/> on the given platform and account.
    /// </summary>
    public static bool Explains(string inhibitorKind, string inhibitorPlatform, string inhibitorAccount, string kind, string platform, string account) =>
        CanBeInhibited(kind)
        && ((Is(inhibitorKind, AlertKind.Outage) && string.Equals(inhibitorPlatform, platform, StringComparison.OrdinalIgnoreCase))
            || (Is(inhibitorKind, AlertKind.Unavailable) && string.Equals(inhibitorAccount, account, StringComparison.Ordinal)));

    /// <summary>The platform of an account key (<c>x:123</c> is on <c>x</c>); a key with no colon is a platform itself.</summary>
    public static string PlatformOf(string account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var colon = account.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? account : account[..colon];
    }

    private static bool Is(string kind, AlertKind expected) => string.Equals(kind, expected.ToString(), StringComparison.OrdinalIgnoreCase);
}
