namespace Monitor.Runtime.Activation;

/// <summary>The life cycle of one activation.</summary>
internal enum ActivationStatus
{
    /// <summary>In the catalog, nothing started yet.</summary>
    Created,

    /// <summary>Constructing the grain, loading its state, running OnActivateAsync; calls wait in the queue.</summary>
    Activating,

    /// <summary>Running turns.</summary>
    Active,

    /// <summary>Running OnDeactivateAsync; calls wait in the queue and go to a new activation afterwards.</summary>
    Deactivating,

    /// <summary>Out of the catalog; accepts nothing.</summary>
    Invalid,
}
