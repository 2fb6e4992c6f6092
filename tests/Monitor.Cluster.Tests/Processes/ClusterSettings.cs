using System.Globalization;

namespace Monitor.Cluster.Tests.Processes;

/// <summary>
/// What every silo of one test cluster shares: the database, the service id, the secret and short timeouts (heartbeat
/// 500 ms, death 3 s) so failover happens within a test's time. Production defaults are 1 s and 5 s.
/// </summary>
public sealed record ClusterSettings(string ConnectionString, string ServiceId)
{
    /// <summary>How often silos heartbeat and rebalance in tests.</summary>
    public TimeSpan HeartbeatPeriod { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a silent silo lives on in tests before it is declared dead.</summary>
    public TimeSpan DeathTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Partitions of the test service: few, so views and rebalancing stay cheap.</summary>
    public int Partitions { get; init; } = 64;

    /// <summary>A webhook receiver every silo delivers alerts to (signed with <see cref="WebhookSecret"/>), grouping for half a second; none when null.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>The secret of the receiver at <see cref="WebhookUrl"/>.</summary>
    public string WebhookSecret { get; init; } = "";

    /// <summary>The environment (configuration) of silo <paramref name="siloId"/>.</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment(string siloId, Uri internalAddress)
    {
        ArgumentNullException.ThrowIfNull(internalAddress);
        var address = internalAddress.ToString().TrimEnd('/');
        yield return new("Logging__LogLevel__Default", "Warning");
        yield return new("Monitor__Storage__ServiceId", ServiceId);
        yield return new("Monitor__Cluster__Enabled", "true");
        yield return new("Monitor__Cluster__SiloId", siloId);
        yield return new("Monitor__Cluster__InternalUrls", address);
        yield return new("Monitor__Cluster__AdvertisedAddress", address);
        yield return new("Monitor__Cluster__ClusterSecret", "cluster-tests-secret");
        yield return new("Monitor__Cluster__Partitions", Partitions.ToString(CultureInfo.InvariantCulture));
        yield return new("Monitor__Cluster__HeartbeatPeriod", HeartbeatPeriod.ToString("c", CultureInfo.InvariantCulture));
        yield return new("Monitor__Cluster__DeathTimeout", DeathTimeout.ToString("c", CultureInfo.InvariantCulture));
        yield return new("Monitor__Cluster__AlertPollInterval", "00:00:01");
        if (WebhookUrl is not null)
        {
            yield return new("Monitor__Webhooks__Receivers__0__Id", "cluster-tests");
            yield return new("Monitor__Webhooks__Receivers__0__Url", WebhookUrl.ToString());
            yield return new("Monitor__Webhooks__Receivers__0__Secret", WebhookSecret);
            yield return new("Monitor__Webhooks__Receivers__0__GroupWait", "00:00:00.500");
            yield return new("Monitor__Webhooks__Receivers__0__GroupInterval", "00:00:00.500");
        }
    }
}
