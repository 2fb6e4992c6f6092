namespace Monitor.Runtime.Configuration;

/// <summary>Grain call options.</summary>
public sealed class SiloMessagingOptions
{
    /// <summary>Time a caller waits for a grain call before it gets a <see cref="TimeoutException"/> (infinite to wait forever).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
