namespace Monitor.Grains.Alerts;

/// <summary>Settings of <see cref="ClusterAlertRelay"/> (cluster mode only).</summary>
public sealed class ClusterAlertRelayOptions
{
    // The PostgreSQL database of the alert store (a trigger on its change log notifies monitor_alert_changes).
    public string ConnectionString { get; set; } = "";

    // Notifications of other services sharing the database carry their own service id and are ignored.
    public string ServiceId { get; set; } = "monitor";

    // Without a notification the relay still asks the hub this often, so a lost notification only delays a change.
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    // The first wait after the listening connection failed; it doubles up to ten times this.
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}
