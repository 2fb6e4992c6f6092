namespace Monitor.Storage.GroupCommit;

/// <summary>
/// One write waiting in a <see cref="GroupCommitQueue{TEntry}"/>: a batch claims it once, or its caller cancels it while
/// it is still queued. Its caller learns the outcome only after the commit holding it.
/// </summary>
public abstract class GroupCommitEntry
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;

    private int _state;

    /// <summary>What the entry adds to a batch's item count (rows it appends; 1 for a single write).</summary>
    public abstract int Items { get; }

    /// <summary>What the entry adds to a batch's byte count (0 where bytes are not limited).</summary>
    public virtual long Bytes => 0;

    /// <summary>Fails the caller (no effect once the entry has an outcome).</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Claims the entry for a batch; false when its caller cancelled it while it was queued.</summary>
    internal bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    /// <summary>Withdraws the entry while it is still queued; false once a batch holds it (it then runs to its outcome).</summary>
    protected bool TryCancel() => Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued;
}
