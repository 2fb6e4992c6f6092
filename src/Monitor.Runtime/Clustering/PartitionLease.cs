namespace Monitor.Runtime.Clustering;

/// <summary>One partition's lease as last read: its owner (none when free) and the epoch that grows on every change of owner.</summary>
public readonly record struct PartitionLease(int Partition, string? OwnerSilo, long? OwnerGeneration, long Epoch)
{
    /// <summary>Whether the lease is held by the silo life <paramref name="siloId"/>@<paramref name="generation"/>.</summary>
    public bool IsOwnedBy(string siloId, long generation) => OwnerSilo == siloId && OwnerGeneration == generation;
}
