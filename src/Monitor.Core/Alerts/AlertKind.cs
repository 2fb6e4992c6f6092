namespace Monitor.Core.Alerts;

/// <summary>What an episode is about.</summary>
public enum AlertKind
{
    /// <summary>One interval (or a few) far above the baseline growth rate.</summary>
    Spike,

    /// <summary>A sustained elevated growth rate, from onset through peak to end.</summary>
    Surge,

    /// <summary>A net loss of followers beyond noise (a purge, a suspension wave).</summary>
    Drop,

    /// <summary>No data for longer than the account's sampling interval leads to expect.</summary>
    Stall,

    /// <summary>Reserved for collectors: the account could not be read (suspended, deleted, private).</summary>
    Unavailable,

    /// <summary>
    /// A platform cannot be read at all (its collector fails for every account). An open outage inhibits the drop and
    /// stall alerts of that platform's accounts, which it explains.
    /// </summary>
    Outage,
}
