using Monitor.Abstractions.Alerts;

namespace Monitor.Webhooks;

/// <summary>The alert change log webhooks consume (the alert hub's, in a silo).</summary>
public interface IAlertChangeSource
{
    /// <summary>Up to <paramref name="max"/> changes with a sequence greater than <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<AlertChange>> ReadChangesAsync(long afterSequence, int max, CancellationToken cancellationToken);

    /// <summary>The sequence of the newest change (0 when there is none).</summary>
    Task<long> LatestSequenceAsync(CancellationToken cancellationToken);
}
