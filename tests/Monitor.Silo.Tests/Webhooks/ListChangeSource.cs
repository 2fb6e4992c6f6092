using Monitor.Abstractions.Alerts;
using Monitor.Silo.Webhooks;

namespace Monitor.Silo.Tests.Webhooks;

/// <summary>An alert change log in memory, numbered like the hub's, for driving the outbox directly.</summary>
public sealed class ListChangeSource : IAlertChangeSource
{
    private readonly List<AlertChange> _changes = [];
    private readonly Lock _lock = new();

    /// <summary>Appends a change with the next sequence and returns it.</summary>
    public AlertChange Append(string change, AlertView alert)
    {
        lock (_lock)
        {
            var entry = new AlertChange(_changes.Count + 1, change, alert);
            _changes.Add(entry);
            return entry;
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
            return Task.FromResult((long)_changes.Count);
        }
    }
}
