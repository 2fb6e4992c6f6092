using System.Collections.Concurrent;

namespace Monitor.Storage.GroupCommit;

/// <summary>
/// Group commit, for every store (grain state, observation log, account directory): writes from many grains queue here,
/// and each commit loop takes everything waiting (up to the batch limits) into one commit. Batches form on their own:
/// while one commits, the next fills, with no timer. A write's caller is answered only after the commit that holds it.
/// </summary>
/// <remarks>
/// Writes go into a lock-free queue with a wake-up flag rather than a <c>Channel</c>: with hundreds of grain turns
/// writing at once on a few cores, a channel's lock had callers spinning behind a holder the scheduler had preempted
/// (docs/benchmarks.md has the measurements).
/// </remarks>
public sealed class GroupCommitQueue<TEntry> : IAsyncDisposable
    where TEntry : GroupCommitEntry
{
    private readonly ConcurrentQueue<TEntry> _queue = new();
    private readonly SemaphoreSlim _wakeUp = new(0);
    private readonly Func<List<TEntry>, Task> _commit;
    private readonly int _maxBatchItems;
    private readonly long _maxBatchBytes;
    private readonly Task[] _loops;
    private readonly Task _allLoops;
    private long _batches;
    private long _items;

    // 1 while a wake-up is released and no loop has taken it yet: writes in between need not release another.
    private int _wakeUpPending;
    private volatile bool _completed;

    /// <param name="maxBatchItems">The most items one commit takes (a single larger entry still goes whole).</param>
    /// <param name="maxBatchBytes">The most bytes one commit takes (likewise).</param>
    /// <param name="concurrency">Commit loops, so commits in flight at once.</param>
    /// <param name="commit">
    /// Commits one batch and completes each entry in it; when it throws, the entries it left open fail with its exception
    /// (the outcome is unknown to them) and the queue goes on with the next batch.
    /// </param>
    public GroupCommitQueue(int maxBatchItems, long maxBatchBytes, int concurrency, Func<List<TEntry>, Task> commit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchItems, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        ArgumentNullException.ThrowIfNull(commit);
        _maxBatchItems = maxBatchItems;
        _maxBatchBytes = maxBatchBytes;
        _commit = commit;
        _loops = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            _loops[i] = Task.Run(RunAsync);
        }

        _allLoops = Task.WhenAll(_loops);
    }

    /// <summary>Commits that completed without throwing so far (for tests and diagnostics).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Items in those commits.</summary>
    public long Items => Interlocked.Read(ref _items);

    /// <summary>Queues an entry; it is completed by the commit that takes it.</summary>
    /// <exception cref="ObjectDisposedException">The queue is disposed.</exception>
    public void Enqueue(TEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_completed)
        {
            throw Disposed();
        }

        _queue.Enqueue(entry);
        if (Interlocked.Exchange(ref _wakeUpPending, 1) == 0)
        {
            _wakeUp.Release();
        }

        if (_completed && _allLoops.IsCompleted)
        {
            // Disposal raced this write past the loops' last look at the queue: fail it rather than leave it waiting.
            FailQueued();
        }
    }

    /// <summary>Stops taking entries and waits until everything queued is committed.</summary>
    public async ValueTask DisposeAsync()
    {
        _completed = true;
        _wakeUp.Release(_loops.Length);
        await _allLoops.ConfigureAwait(false);
        FailQueued();
    }

    private async Task RunAsync()
    {
        var batch = new List<TEntry>();
        while (true)
        {
            if (!_completed)
            {
                await _wakeUp.WaitAsync().ConfigureAwait(false);
            }

            // Reset before draining (with a full fence): a write that sees the flag still set is drained below.
            Interlocked.Exchange(ref _wakeUpPending, 0);
            while (TakeBatch(batch, out var items))
            {
                await CommitAsync(batch, items).ConfigureAwait(false);
            }

            if (_completed && _queue.IsEmpty)
            {
                return;
            }
        }
    }

    // Takes what is queued up to the limits (a single larger entry goes whole), skipping cancelled entries; false when none.
    private bool TakeBatch(List<TEntry> batch, out int items)
    {
        batch.Clear();
        items = 0;
        long bytes = 0;
        while (items < _maxBatchItems && bytes < _maxBatchBytes && _queue.TryDequeue(out var entry))
        {
            if (entry.TryTake())
            {
                batch.Add(entry);
                items += entry.Items;
                bytes += entry.Bytes;
            }
        }

        return batch.Count > 0;
    }

    private async Task CommitAsync(List<TEntry> batch, int items)
    {
        try
        {
            await _commit(batch).ConfigureAwait(false);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _items, items);
        }
        catch (Exception ex)
        {
            // Rolled back, or the outcome is unknown: every caller the commit left open sees the failure and may retry.
            foreach (var entry in batch)
            {
                entry.Fail(ex);
            }
        }
    }

    private void FailQueued()
    {
        while (_queue.TryDequeue(out var entry))
        {
            entry.Fail(Disposed());
        }
    }

    private static ObjectDisposedException Disposed() => new(nameof(GroupCommitQueue<TEntry>), "The store has been disposed.");
}
