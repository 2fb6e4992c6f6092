namespace Monitor.Runtime.Configuration;

/// <summary>When idle activations are deactivated and how many activations a silo holds.</summary>
public sealed class GrainCollectionOptions
{
    /// <summary>Idle time after which an activation is collected.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the collector looks for idle activations.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most activations held at once; beyond it the least recently used idle ones are deactivated (null: no limit).</summary>
    public int? ActivationLimit { get; set; }

    /// <summary>Time <c>OnDeactivateAsync</c> may take before its cancellation token is cancelled.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
