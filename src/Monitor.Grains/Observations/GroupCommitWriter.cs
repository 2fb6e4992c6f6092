using System.Diagnostics;
using System.Threading.Channels;

namespace Monitor.Grains.Observations;

/// <summary>
/// Group commit: appends from many grains queue here and one loop takes everything waiting (up to a row limit) into one
/// transaction. Batches form on their own: while one commits, the next fills, with no timer. Each caller's task completes
/// after the commit that holds its rows.
/// </summary>
internal sealed class GroupCommitWriter<TItem> : IAsyncDisposable
{
    private readonly Channel<PendingWrite> _channel = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<IReadOnlyList<TItem>>, int, Task<long>> _commit;
    private readonly int _maxBatchItems;
    private readonly KeyValuePair<string, object?> _storeTag;
    private readonly Task _loop;
    private long _batches;
    private long _items;

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
        var pending = new PendingWrite(items);
        if (!_channel.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter<TItem>), "The observation log has been disposed.");
        }

        return pending.Completion.Task;
    }

    /// <summary>Stops taking writes and waits until everything queued is committed.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        var batch = new List<PendingWrite>();
        var items = new List<IReadOnlyList<TItem>>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            items.Clear();
            var count = 0;
            while (count < _maxBatchItems && reader.TryRead(out var pending))
            {
                batch.Add(pending);
                items.Add(pending.Items);
                count += pending.Items.Count;
            }

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
    }

    private sealed class PendingWrite(IReadOnlyList<TItem> items)
    {
        public IReadOnlyList<TItem> Items { get; } = items;

        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
