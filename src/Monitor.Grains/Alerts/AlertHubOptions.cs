namespace Monitor.Grains.Alerts;

/// <summary>Settings of the alert hub.</summary>
public sealed class AlertHubOptions
{
    // Alerts of one group and kind whose episodes come this close in time form one incident.
    public TimeSpan CorrelationWindow { get; set; } = TimeSpan.FromDays(2);

    // The change log keeps at most this many changes (the oldest go first); streams resume within it. The whole hub
    // state is rewritten on every publish, so this bounds the cost of a write (about 0.6 KB per change).
    public int ChangeLogCapacity { get; set; } = 10_000;

    // Changes older than this leave the change log.
    public TimeSpan ChangeLogRetention { get; set; } = TimeSpan.FromDays(30);

    // Resolved alerts (and incidents whose alerts are all gone) are forgotten this long after they ended.
    public TimeSpan ResolvedAlertRetention { get; set; } = TimeSpan.FromDays(180);

    // The most changes one ReadChangesAsync call returns.
    public int MaxChangesPerRead { get; set; } = 10_000;
}
