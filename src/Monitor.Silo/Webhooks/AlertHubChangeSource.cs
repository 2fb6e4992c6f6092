using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Runtime;

namespace Monitor.Silo.Webhooks;

/// <summary>The alert hub grain's change log, reached from any silo.</summary>
public sealed class AlertHubChangeSource(IGrainFactory grains) : IAlertChangeSource
{
    private const int PageSize = 1_000;

    /// <inheritdoc />
    public Task<IReadOnlyList<AlertChange>> ReadChangesAsync(long afterSequence, int max, CancellationToken cancellationToken) =>
        Hub.ReadChangesAsync(afterSequence, max).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<long> LatestSequenceAsync(CancellationToken cancellationToken)
    {
        var latest = 0L;
        while (true)
        {
            var page = await ReadChangesAsync(latest, PageSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return latest;
            }

            latest = page[^1].Sequence;
        }
    }

    private IAlertHubGrain Hub => grains.GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey);
}
