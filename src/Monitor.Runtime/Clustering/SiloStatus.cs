namespace Monitor.Runtime.Clustering;

/// <summary>Where a silo is in its life; a row only moves forward (joining, active, leaving, dead).</summary>
public enum SiloStatus
{
    /// <summary>Registered, not yet taking partitions.</summary>
    Joining,

    /// <summary>Serving and taking its share of partitions.</summary>
    Active,

    /// <summary>Shutting down gracefully: still serves its partitions while it hands them off.</summary>
    Leaving,

    /// <summary>Gone (left, or declared dead); its writes are refused.</summary>
    Dead,
}
