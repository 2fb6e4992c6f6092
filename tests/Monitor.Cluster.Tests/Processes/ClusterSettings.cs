using System.Globalization;

namespace Monitor.Cluster.Tests.Processes;

/// <summary>
/// What every silo of one test cluster shares: the database, Orleans' service and cluster ids, an optional webhook
/// receiver, and extra configuration. Membership keeps the silo's own fast-failover defaults (probe every second, dead
/// after two missed probes by one voter, table re-read every 5 s), so the failover figures are those of production.
/// </summary>
public sealed record ClusterSettings(string ConnectionString, string ServiceId, string ClusterId)
{
    /// <summary>A webhook receiver every silo delivers alerts to (signed with <see cref="WebhookSecret"/>), grouping for half a second; none when null.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>The secret of the receiver at <see cref="WebhookUrl"/>.</summary>
    public string WebhookSecret { get; init; } = "";

    /// <summary>Further configuration entries (keys in environment form, <c>Monitor__Section__Key</c>).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>The environment (configuration) of a silo whose Orleans silo-to-silo port is <paramref name="siloPort"/>.</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment(int siloPort)
    {
        yield return new("Logging__LogLevel__Default", "Warning");

        // When each silo's alert relay starts listening, and from which sequence (in the silo's log, for failure messages).
        yield return new("Logging__LogLevel__Monitor.Grains.Alerts.ClusterAlertRelay", "Information");
        yield return new("Monitor__Storage__ServiceId", ServiceId);
        yield return new("Monitor__Cluster__Enabled", "true");
        yield return new("Monitor__Cluster__ClusterId", ClusterId);
        yield return new("Monitor__Cluster__SiloPort", siloPort.ToString(CultureInfo.InvariantCulture));
        yield return new("Monitor__Cluster__GatewayPort", "0");
        yield return new("Monitor__Cluster__AdvertisedAddress", "127.0.0.1");
        yield return new("Monitor__Cluster__AlertPollInterval", "00:00:01");

        // No collector polls a real platform from a test (and none registers a reminder beside the accounts').
        yield return new("Monitor__Collectors__Enabled", "false");
        if (WebhookUrl is not null)
        {
            // The receiver runs on this machine's loopback, which the outbound policy refuses unless allowed.
            yield return new("Monitor__Outbound__AllowedRanges__0", "127.0.0.0/8");
            yield return new("Monitor__Webhooks__Receivers__0__Id", "cluster-tests");
            yield return new("Monitor__Webhooks__Receivers__0__Url", WebhookUrl.ToString());
            yield return new("Monitor__Webhooks__Receivers__0__Secret", WebhookSecret);
            yield return new("Monitor__Webhooks__Receivers__0__GroupWait", "00:00:00.500");
            yield return new("Monitor__Webhooks__Receivers__0__GroupInterval", "00:00:00.500");
        }

        foreach (var entry in Extra)
        {
            yield return entry;
        }
    }
}
