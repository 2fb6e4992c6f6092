namespace Monitor.Grains.Alerts;

/// <summary>Settings of the alert hub (section <c>Monitor:AlertHub</c>).</summary>
public sealed class AlertHubOptions
{
    // How many hub shards publishes are spread over (grain keys "0" to HubShards - 1, each owning the incidents of the
    // groups that hash to it); 1, the default, is the single hub "global". Every silo of a cluster must use the same value.
    public int HubShards { get; set; } = 1;

    // Alerts of one group and kind whose episodes come this close in time form one incident.
    public TimeSpan CorrelationWindow { get; set; } = TimeSpan.FromDays(2);

    // The change log (a table) keeps at most this many changes (the oldest go first); streams and webhooks resume within it.
    public long ChangeLogCapacity { get; set; } = 1_000_000;

    // Changes recorded longer ago than this leave the change log (the newest change always stays).
    public TimeSpan ChangeLogRetention { get; set; } = TimeSpan.FromDays(30);

    // Resolved alerts whose episode ended longer ago than this (by the clock) are pruned. Null, the default, keeps them as
    // long as the observations they explain, which are kept for good: imported history keeps its alerts.
    public TimeSpan? MaxEpisodeAge { get; set; }

    // Beyond this many alerts, the resolved ones whose episode ended first are pruned. Null, the default, sets no limit.
    public long? MaxAlerts { get; set; }

    // How often the hub prunes by the settings above (and trims the change log) while it is active.
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    // The most changes one ReadChangesAsync call returns.
    public int MaxChangesPerRead { get; set; } = 10_000;
}
