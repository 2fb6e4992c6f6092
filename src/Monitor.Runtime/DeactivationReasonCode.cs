namespace Monitor.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReasonCode
{
    /// <summary>No reason given.</summary>
    None,

    /// <summary>The silo is stopping.</summary>
    ShuttingDown,

    /// <summary>The grain asked for it (<see cref="Grain.DeactivateOnIdle"/>).</summary>
    ApplicationRequested,

    /// <summary>The activation was idle for longer than the collection age.</summary>
    ActivationIdle,

    /// <summary>The silo holds more activations than its limit; least recently used idle ones go first.</summary>
    HighMemoryPressure,

    /// <summary>Cluster mode: the grain's partition moves to another silo (graceful handoff).</summary>
    Migrating,

    /// <summary>Cluster mode: the silo lost the grain's partition (its lease epoch is stale, or the silo was declared dead).</summary>
    PartitionLost,
}
