namespace Monitor.Runtime.Clustering;

/// <summary>
/// Which live silo should own each partition: rendezvous (highest random weight) hashing of partition and silo life.
/// Every silo computes the same answer from the same member list, a silo that joins takes about 1/n of the partitions
/// from each of the others, and one that leaves spreads its own evenly, with no other partition moving.
/// </summary>
public static class PartitionBalance
{
    /// <summary>The target owner (index into <paramref name="silos"/>) of every partition; empty when no silo is live.</summary>
    public static int[] Assign(int partitions, IReadOnlyList<string> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);
        var owners = new int[partitions];
        if (silos.Count == 0)
        {
            Array.Fill(owners, -1);
            return owners;
        }

        var seeds = silos.Select(Seed).ToArray();
        for (var p = 0; p < partitions; p++)
        {
            var best = 0;
            var bestWeight = 0UL;
            for (var s = 0; s < seeds.Length; s++)
            {
                var weight = Mix(seeds[s] ^ (ulong)p);
                if (s == 0 || weight > bestWeight)
                {
                    best = s;
                    bestWeight = weight;
                }
            }

            owners[p] = best;
        }

        return owners;
    }

    private static ulong Seed(string silo)
    {
        // FNV-1a 64 of the silo identity: stable across processes, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var c in silo)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return hash;
    }

    // SplitMix64 finaliser: spreads the combined seed over all 64 bits.
    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
