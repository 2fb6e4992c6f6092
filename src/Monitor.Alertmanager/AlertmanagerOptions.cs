namespace Monitor.Alertmanager;

/// <summary>
/// Pushing alerts to Prometheus' Alertmanager (<c>Monitor:Alertmanager</c>), the way Prometheus does: off while
/// <see cref="Urls"/> is empty.
/// </summary>
public sealed class AlertmanagerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Monitor:Alertmanager";

    // Base URLs of the Alertmanagers (http://alertmanager:9093/); each gets every alert (an HA pair deduplicates by gossip).
    public List<string> Urls { get; set; } = [];

    // The dashboard's public address (https://monitor.example.org/): an alert's generatorURL is its account's page there.
    public string? DashboardUrl { get; set; }

    // A firing alert is sent again after this long without changes; its endsAt is four times this ahead, so an
    // Alertmanager that stops hearing from Monitor resolves it by itself (Prometheus' --rules.alert.resend-delay).
    public TimeSpan ResendDelay { get; set; } = TimeSpan.FromMinutes(1);

    // A resolved alert is still sent, at the resend delay, for this long (Prometheus keeps resolved alerts 15 minutes).
    public TimeSpan ResolvedRetention { get; set; } = TimeSpan.FromMinutes(15);

    // How often the alert change log is read and changed alerts are pushed.
    public TimeSpan PollPeriod { get; set; } = TimeSpan.FromSeconds(1);

    // One HTTP attempt is abandoned after this long.
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    // Retries of a failed push (5xx, 408, 429, timeout, connection error), with exponential backoff and jitter.
    public int MaxRetries { get; set; } = 3;

    // The wait before the first retry; it doubles per retry.
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    // Most alerts in one POST (Prometheus sends 64).
    public int MaxBatchSize { get; set; } = 64;

    // Most alert changes read from the change log per call.
    public int ChangeBatchSize { get; set; } = 1000;
}
