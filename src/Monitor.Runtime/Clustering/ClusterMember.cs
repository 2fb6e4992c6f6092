namespace Monitor.Runtime.Clustering;

/// <summary>One row of the membership table as a silo last read it; <see cref="HeartbeatAge"/> is measured on the database clock.</summary>
public sealed record ClusterMember(string SiloId, long Generation, string Address, SiloStatus Status, DateTime Heartbeat, TimeSpan HeartbeatAge)
{
    /// <summary>Silo id and generation: what identifies one process life.</summary>
    public string Identity => $"{SiloId}@{Generation}";

    /// <summary>Whether the silo may own partitions (active or leaving).</summary>
    public bool IsAlive => Status is SiloStatus.Active or SiloStatus.Leaving;
}
