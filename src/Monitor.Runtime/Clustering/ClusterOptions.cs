namespace Monitor.Runtime.Clustering;

/// <summary>Cluster mode: membership, partition leases and forwarding over one PostgreSQL database.</summary>
public sealed class ClusterOptions
{
    /// <summary>The PostgreSQL database that holds membership and leases (the same one as grain storage).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Separates clusters that share one database; the same as the storage service id.</summary>
    public string ServiceId { get; set; } = "monitor";

    /// <summary>This silo's name; a restarted process keeps it and gets a new generation. Defaults to host name and process id.</summary>
    public string? SiloId { get; set; }

    /// <summary>The base URL other silos reach this silo's internal endpoint at (e.g. http://10.0.0.5:11111).</summary>
    public string AdvertisedAddress { get; set; } = "";

    /// <summary>Shared secret every silo-to-silo call carries; calls without it are refused.</summary>
    public string ClusterSecret { get; set; } = "";

    /// <summary>How many partitions grain keys hash into; fixed for the life of a service.</summary>
    public int Partitions { get; set; } = 4_096;

    /// <summary>How often a silo heartbeats, refreshes its view of members and leases, and rebalances.</summary>
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose heartbeat (database clock) is older than this is declared dead and loses its partitions.</summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a death declaration waits for the dead silo's writes in flight before trying again next period.</summary>
    public TimeSpan DeclarationLockTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many times a call is re-routed after the silo it reached answered that the grain moved.</summary>
    public int MaxForwardAttempts { get; set; } = 4;

    /// <summary>How long one forwarded call may take when the caller has no deadline of its own.</summary>
    public TimeSpan ForwardTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
