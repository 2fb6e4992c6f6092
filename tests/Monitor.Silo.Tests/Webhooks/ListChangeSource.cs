using Monitor.Abstractions.Alerts;
using Monitor.Webhooks;

namespace Monitor.Silo.Tests.Webhooks;

/// <summary>An alert change log in memory, numbered like the hub's, for driving the outbox directly.</summary>
public sealed class ListChangeSource : IAlertChangeSource
{
    private readonly List<AlertChange> _changes = [];
    private readonly Lock _lock = new();
    private long _last;

    /// <summary>Appends a change with the next sequence and returns it.</summary>
    public AlertChange Append(string change, AlertView alert)
    {
        lock (_lock)
        {
            var entry = new AlertChange(++_last, change, alert);
            _changes.Add(entry);
            return entry;
        }
    }

    /// <summary>Forgets the changes up to <paramref name="sequence"/>, as the hub's retention does.</summary>
    public void DropThrough(long sequence)
    {
        lock (_lock)
        {
            _changes.RemoveAll(change => change.Sequence <= sequence);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AlertChange>> ReadChangesAsync(long afterSequence, int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<AlertChange>>(_changes.Where(change => change.Sequence > afterSequence).Take(max).ToList());
        }
    }

    /// <inheritdoc />
    public Task<long> LatestSequenceAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_last);
        }
    }
}
