using System.Collections.Concurrent;

namespace Monitor.Runtime.Clustering;

/// <summary>This silo's latest reading of the membership and lease tables, replaced as a whole on each refresh.</summary>
public sealed class ClusterView
{
    private readonly ConcurrentDictionary<(string Address, long Generation), CancellationTokenSource> _departures = new();
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

    /// <summary>
    /// A token cancelled once the silo life at <paramref name="address"/> and <paramref name="generation"/> is no longer an
    /// alive member (declared dead, left): a call waiting on it (say, a frozen process) is abandoned and re-routed.
    /// </summary>
    public CancellationToken DepartureOf(string address, long generation)
    {
        var departure = _departures.GetOrAdd((address, generation), static _ => new CancellationTokenSource());
        if (!IsAlive(Volatile.Read(ref _snapshot), address, generation))
        {
            Depart((address, generation), departure);
        }

        return departure.Token;
    }

    internal void Update(IReadOnlyList<ClusterMember> members, PartitionLease[] leases)
    {
        var snapshot = new Snapshot(members, members.ToDictionary(member => member.Identity), leases);
        Volatile.Write(ref _snapshot, snapshot);
        foreach (var (key, departure) in _departures)
        {
            if (!IsAlive(snapshot, key.Address, key.Generation))
            {
                Depart(key, departure);
            }
        }
    }

    private static bool IsAlive(Snapshot snapshot, string address, long generation) =>
        snapshot.Members.Any(member => member.IsAlive && member.Generation == generation && member.Address == address);

    private void Depart((string Address, long Generation) key, CancellationTokenSource departure)
    {
        if (_departures.TryRemove(KeyValuePair.Create(key, departure)))
        {
            departure.Cancel();
            departure.Dispose();
        }
    }

    private sealed record Snapshot(IReadOnlyList<ClusterMember> Members, Dictionary<string, ClusterMember> ByIdentity, PartitionLease[] Leases);
}
