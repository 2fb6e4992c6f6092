using System.Diagnostics;
using System.Threading.Channels;

namespace Monitor.Storage;

/// <summary>
/// Group commit: operations from many grains queue here, and each consumer loop takes everything waiting (up to the batch
/// limits) and hands it to one commit. Batches form naturally: while one commits, the next fills up, with no timer or delay.
/// </summary>
internal sealed class GroupCommitQueue : IAsyncDisposable
{
    private readonly Channel<StorageOperation> _channel;
    private readonly Func<List<StorageOperation>, Task> _commitBatch;
    private readonly int _maxBatchSize;
    private readonly long _maxBatchBytes;
    private readonly TagList _tags;
    private readonly Task[] _loops;
    private long _batchCount;
    private long _operationCount;

    /// <param name="commitBatch">Commits one batch and completes each operation in it; an exception fails those it left open.</param>
    public GroupCommitQueue(string providerKind, string providerName, int maxBatchSize, long maxBatchBytes, int concurrency,
        Func<List<StorageOperation>, Task> commitBatch)
    {
        _commitBatch = commitBatch;
        _maxBatchSize = maxBatchSize;
        _maxBatchBytes = maxBatchBytes;
        _tags = new TagList { { "provider", providerKind }, { "name", providerName } };
        _channel = Channel.CreateUnbounded<StorageOperation>(new UnboundedChannelOptions { SingleReader = concurrency == 1 });
        _loops = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            _loops[i] = Task.Run(RunAsync);
        }
    }

    /// <summary>Batches committed so far (for tests and diagnostics).</summary>
    public long BatchCount => Interlocked.Read(ref _batchCount);

    /// <summary>Operations committed so far.</summary>
    public long OperationCount => Interlocked.Read(ref _operationCount);

    public void Enqueue(StorageOperation operation)
    {
        if (!_channel.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(GroupCommitQueue), "The storage provider has been disposed.");
        }
    }

    /// <summary>Stops accepting operations and waits until everything already queued has been committed.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        var batch = new List<StorageOperation>(Math.Min(_maxBatchSize, 1024));
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            long bytes = 0;
            while (batch.Count < _maxBatchSize && bytes < _maxBatchBytes && reader.TryRead(out var operation))
            {
                if (operation.TryTake())
                {
                    batch.Add(operation);
                    bytes += operation.PayloadLength;
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await _commitBatch(batch);
            }
            catch (Exception ex)
            {
                // The commit completes what it can; whatever it left open shares the failure (the outcome is unknown).
                foreach (var operation in batch)
                {
                    operation.Fail(ex);
                }
            }

            Interlocked.Increment(ref _batchCount);
            Interlocked.Add(ref _operationCount, batch.Count);
            StorageInstruments.BatchSize.Record(batch.Count, _tags);
        }
    }
}
