namespace Monitor.Silo.Hosting;

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

    // Runs the silo as a cluster member; needs the postgres storage provider.
    public bool Enabled { get; set; }

    // Orleans' ClusterId: silos with the same id (and database) form one cluster. A blue/green deployment uses a new one.
    public string ClusterId { get; set; } = "monitor";

    // Orleans' silo-to-silo port; 0 picks a free loopback port (single-silo mode only).
    public int SiloPort { get; set; }

    // Orleans' gateway port for external Orleans clients; 0: no gateway (the HTTP API is co-hosted and needs none).
    public int GatewayPort { get; set; }

    // The address other silos reach this one at (an IP or a host name resolved at start); empty: the host's first
    // non-loopback IPv4 address in cluster mode, loopback otherwise.
    public string? AdvertisedAddress { get; set; }

    // Serves Orleans' dashboard under /orleans to admins. Its grain-call profiler times every grain call; turn the
    // dashboard off when ingest CPU matters more than its per-method figures (docs/benchmarks.md has the cost).
    public bool Dashboard { get; set; } = true;

    // Without a database notification, each silo still asks the alert hub for new changes this often.
    public TimeSpan AlertPollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
