namespace Monitor.Grains.Alerts;

/// <summary>Settings of the per-silo <see cref="AlertRouter"/>.</summary>
public sealed class AlertRouterOptions
{
    // The most episode events forwarded to the hub in one call.
    public int MaxBatchEvents { get; set; } = 1_000;
}
