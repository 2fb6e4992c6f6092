using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;
using Orleans;

namespace Monitor.Webhooks;

/// <summary>The alert hub grain's change log, reached from any silo.</summary>
public sealed class AlertHubChangeSource(IGrainFactory grains) : IAlertChangeSource
{
    /// <inheritdoc />
    public Task<IReadOnlyList<AlertChange>> ReadChangesAsync(long afterSequence, int max, CancellationToken cancellationToken) =>
        Hub.ReadChangesAsync(afterSequence, max).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<long> LatestSequenceAsync(CancellationToken cancellationToken) =>
        Hub.GetLastSequenceAsync().WaitAsync(cancellationToken);

    private IAlertHubGrain Hub => grains.GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey);
}
