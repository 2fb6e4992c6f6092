namespace Monitor.Silo.Hosting;

/// <summary>The <c>Monitor:Cluster</c> configuration section: cluster mode over PostgreSQL (off by default).</summary>
public sealed class ClusterHostOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Monitor:Cluster";

    // Runs the silo as a cluster member; needs the postgres storage provider.
    public bool Enabled { get; set; }

    // This silo's name (a StatefulSet pod name, say); a restart keeps it and gets a new generation. Empty: host name and process id.
    public string? SiloId { get; set; }

    // Where the internal silo-to-silo endpoint (HTTP/2 cleartext) listens; needs an explicit port.
    public string InternalUrls { get; set; } = "http://0.0.0.0:11111";

    // The URL other silos use to reach this one's internal endpoint; empty: the internal URL with this host's name.
    public string? AdvertisedAddress { get; set; }

    // Shared secret of silo-to-silo calls (from a Secret or environment variable, never a file in the image).
    public string? ClusterSecret { get; set; }

    // Partitions grain keys hash into; fixed for the life of a service.
    public int Partitions { get; set; } = 4_096;

    // How often a silo heartbeats, reads the cluster view and rebalances.
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromSeconds(1);

    // A silo silent for longer is declared dead and its partitions move.
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(5);

    // Without a database notification, each silo still asks the alert hub for new changes this often.
    public TimeSpan AlertPollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
