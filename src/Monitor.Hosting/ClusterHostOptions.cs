namespace Monitor.Hosting;

/// <summary>
/// The <c>Monitor:Cluster</c> configuration section: how the silo joins an Orleans cluster. Off (the default), the silo is
/// a cluster of one (Orleans' localhost clustering); on, silos find each other through Orleans' ADO.NET membership table
/// in the PostgreSQL database that holds Monitor's data. Orleans' membership options bind from
/// <c>Monitor:Cluster:Membership</c> over Monitor's fast-failover defaults (docs/runtime.md explains each value).
/// </summary>
public sealed class ClusterHostOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Monitor:Cluster";

    /// <summary>Runs the silo as a cluster member; needs the postgres storage provider.</summary>
    public bool Enabled { get; set; }

    /// <summary>Orleans' ClusterId: silos with the same id (and database) form one cluster. A blue/green deployment uses a new one.</summary>
    public string ClusterId { get; set; } = "monitor";

    /// <summary>Orleans' silo-to-silo port; 0 picks a free loopback port (single-silo mode only).</summary>
    public int SiloPort { get; set; }

    /// <summary>Orleans' gateway port for external Orleans clients; 0: no gateway (the HTTP API is co-hosted and needs none).</summary>
    public int GatewayPort { get; set; }

    /// <summary>
    /// The address other silos reach this one at (an IP or a host name resolved at start); empty: the host's first
    /// non-loopback IPv4 address in cluster mode, loopback otherwise.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// Serves Orleans' dashboard under /orleans to admins. Its grain-call profiler times every grain call; turn the
    /// dashboard off when ingest CPU matters more than its per-method figures (docs/benchmarks.md has the cost).
    /// </summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>Without a database notification, each silo still asks the alert hub for new changes this often.</summary>
    public TimeSpan AlertPollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
