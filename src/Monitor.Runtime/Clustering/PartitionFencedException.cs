namespace Monitor.Runtime.Clustering;

/// <summary>
/// A call or write for a partition this silo does not (or no longer) own: refused locally, or by the database because the
/// silo's lease epoch is stale or the silo was declared dead. Nothing was written; the client may retry (HTTP 503).
/// </summary>
public sealed class PartitionFencedException : SiloUnavailableException
{
    public PartitionFencedException()
        : base("The partition is moving between silos; retry.")
    {
    }

    public PartitionFencedException(string message)
        : base(message)
    {
    }

    public PartitionFencedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The partitions the refusal concerns (empty when the whole silo was fenced off).</summary>
    public IReadOnlyList<int> Partitions { get; init; } = [];
}
