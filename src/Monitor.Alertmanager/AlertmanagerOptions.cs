namespace Monitor.Alertmanager;

/// <summary>
/// Pushing alerts to Prometheus' Alertmanager (<c>Monitor:Alertmanager</c>), the way Prometheus does: off while
/// <see cref="Urls"/> is empty.
/// </summary>
public sealed class AlertmanagerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Monitor:Alertmanager";

    /// <summary>Base URLs of the Alertmanagers (http://alertmanager:9093/); each gets every alert (an HA pair deduplicates by gossip).</summary>
    public List<string> Urls { get; set; } = [];

    /// <summary>The dashboard's public address (https://monitor.example.org/): an alert's generatorURL is its account's page there.</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>
    /// A firing alert is sent again after this long without changes; its endsAt is four times this ahead, so an
    /// Alertmanager that stops hearing from Monitor resolves it by itself (Prometheus' --rules.alert.resend-delay).
    /// </summary>
    public TimeSpan ResendDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A resolved alert is still sent, at the resend delay, for this long (Prometheus keeps resolved alerts 15 minutes).</summary>
    public TimeSpan ResolvedRetention { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the alert change log is read and changed alerts are pushed.</summary>
    public TimeSpan PollPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>One HTTP attempt is abandoned after this long.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a failed push (5xx, 408, 429, timeout, connection error), with exponential backoff and jitter.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The wait before the first retry; it doubles per retry.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most alerts in one POST (Prometheus sends 64).</summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>Most alert changes read from the change log per call.</summary>
    public int ChangeBatchSize { get; set; } = 1000;
}
