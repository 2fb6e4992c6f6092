using System.Collections.Concurrent;
using System.Diagnostics;

namespace Monitor.Grains.Observations;

/// <summary>
/// Group commit: appends from many grains queue here and one loop takes everything waiting (up to a row limit) into one
/// transaction. Batches form on their own: while one commits, the next fills, with no timer. Each caller's task completes
/// after the commit that holds its rows. Appends go into a lock-free queue: with hundreds of grain turns appending at
/// once on a few cores, a lock here (a channel's) had callers spinning behind a holder the scheduler had preempted.
/// </summary>
internal sealed class GroupCommitWriter<TItem> : IAsyncDisposable
{
    private readonly ConcurrentQueue<PendingWrite> _queue = new();
    private readonly SemaphoreSlim _wakeUp = new(0);
    private readonly Func<IReadOnlyList<IReadOnlyList<TItem>>, int, Task<long>> _commit;
    private readonly int _maxBatchItems;
    private readonly KeyValuePair<string, object?> _storeTag;
    private readonly Task _loop;
    private long _batches;
    private long _items;

    // 1 while a wake-up is released and the loop has not yet taken it: appends in between need not release another.
    private int _wakeUpPending;
    private volatile bool _completed;

    /// <param name="store">Names the store in the commit metrics (<c>observation_log.sqlite</c>, ...).</param>
    /// <param name="maxBatchItems">The most items one transaction takes (a single larger write still goes whole).</param>
    /// <param name="commit">Commits the writes (and their total item count) in one transaction; returns the high-water sequence.</param>
    public GroupCommitWriter(string store, int maxBatchItems, Func<IReadOnlyList<IReadOnlyList<TItem>>, int, Task<long>> commit)
    {
        ArgumentException.ThrowIfNullOrEmpty(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchItems, 1);
        _storeTag = new KeyValuePair<string, object?>("store", store);
        _maxBatchItems = maxBatchItems;
        _commit = commit;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Items committed so far.</summary>
    public long Items => Interlocked.Read(ref _items);

    /// <summary>Queues the items; the task completes with the commit's high-water sequence once they are committed.</summary>
    public Task<long> WriteAsync(IReadOnlyList<TItem> items)
    {
        if (_completed)
        {
            throw Disposed();
        }

        var pending = new PendingWrite(items);
        _queue.Enqueue(pending);
        if (Interlocked.Exchange(ref _wakeUpPending, 1) == 0)
        {
            _wakeUp.Release();
        }

        if (_completed && _loop.IsCompleted)
        {
            // Disposal raced this append past the loop's last look at the queue: fail it rather than leave it waiting.
            FailQueued();
        }

        return pending.Completion.Task;
    }

    /// <summary>Stops taking writes and waits until everything queued is committed.</summary>
    public async ValueTask DisposeAsync()
    {
        _completed = true;
        _wakeUp.Release();
        await _loop.ConfigureAwait(false);
        FailQueued();
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>();
        var items = new List<IReadOnlyList<TItem>>();
        while (!_completed || !_queue.IsEmpty)
        {
            await _wakeUp.WaitAsync().ConfigureAwait(false);

            // Reset before draining (with a full fence): an append that sees the flag still set is drained below.
            Interlocked.Exchange(ref _wakeUpPending, 0);
            while (TakeBatch(batch, items, out var count))
            {
                await CommitAsync(batch, items, count).ConfigureAwait(false);
            }
        }
    }

    // Takes what is queued, up to the row limit (a single larger write goes whole); false when the queue is empty.
    private bool TakeBatch(List<PendingWrite> batch, List<IReadOnlyList<TItem>> items, out int count)
    {
        batch.Clear();
        items.Clear();
        count = 0;
        while (count < _maxBatchItems && _queue.TryDequeue(out var pending))
        {
            batch.Add(pending);
            items.Add(pending.Items);
            count += pending.Items.Count;
        }

        return batch.Count > 0;
    }

    private async Task CommitAsync(List<PendingWrite> batch, List<IReadOnlyList<TItem>> items, int count)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var highWater = await _commit(items, count).ConfigureAwait(false);
            GroupCommitInstruments.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _storeTag);
            GroupCommitInstruments.Items.Record(count, _storeTag);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetResult(highWater);
            }

            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _items, count);
        }
        catch (Exception ex)
        {
            // The transaction rolled back (or its outcome is unknown): every caller in it sees the failure and may retry.
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(ex);
            }
        }
    }

    private void FailQueued()
    {
        while (_queue.TryDequeue(out var pending))
        {
            pending.Completion.TrySetException(Disposed());
        }
    }

    private static ObjectDisposedException Disposed() => new(nameof(GroupCommitWriter<TItem>), "The observation log has been disposed.");

    private sealed class PendingWrite(IReadOnlyList<TItem> items)
    {
        public IReadOnlyList<TItem> Items { get; } = items;

        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
