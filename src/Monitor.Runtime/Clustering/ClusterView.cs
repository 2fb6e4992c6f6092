namespace Monitor.Runtime.Clustering;

/// <summary>This silo's latest reading of the membership and lease tables, replaced as a whole on each refresh.</summary>
public sealed class ClusterView
{
    private Snapshot _snapshot = new([], new Dictionary<string, ClusterMember>(), []);

    /// <summary>Live (non-dead) members as last read.</summary>
    public IReadOnlyList<ClusterMember> Members => Volatile.Read(ref _snapshot).Members;

    /// <summary>Leases as last read, indexed by partition (empty before the first read).</summary>
    public IReadOnlyList<PartitionLease> Leases => Volatile.Read(ref _snapshot).Leases;

    /// <summary>The alive member that holds <paramref name="partition"/>, or null when it is free or its owner is gone.</summary>
    public ClusterMember? OwnerOf(int partition)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (partition >= snapshot.Leases.Length || snapshot.Leases[partition] is not { OwnerSilo: { } silo, OwnerGeneration: { } generation })
        {
            return null;
        }

        return snapshot.ByIdentity.TryGetValue($"{silo}@{generation}", out var member) && member.IsAlive ? member : null;
    }

    internal void Update(IReadOnlyList<ClusterMember> members, PartitionLease[] leases) =>
        Volatile.Write(ref _snapshot, new Snapshot(members, members.ToDictionary(member => member.Identity), leases));

    private sealed record Snapshot(IReadOnlyList<ClusterMember> Members, Dictionary<string, ClusterMember> ByIdentity, PartitionLease[] Leases);
}
