using System.Diagnostics;
using Monitor.Storage.GroupCommit;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Monitor.Storage;

/// <summary>
/// What the SQL providers share: argument checks, serialisation on the caller's thread, and group commit. A write or clear
/// completes only after the transaction holding it has committed; an ETag conflict fails only its own caller.
/// </summary>
/// <remarks>
/// A missing record reads as a new <c>T</c> when <c>T</c> has a public parameterless constructor (or is a value type);
/// otherwise <see cref="IGrainState{T}.State"/> is left as it was. Clear deletes the row and resets State the same way.
/// Cancelling a write takes effect only while it is still queued; once in a batch it runs to its outcome.
/// </remarks>
public abstract class SqlGrainStorage : IGrainStorage, IAsyncDisposable, IDisposable
{
    private readonly IGrainStateSerializer _serializer;
    private readonly GroupCommitQueue<StorageOperation> _queue;
    private readonly TagList _tags;
    private readonly bool _forbidNul;
    private int _disposed;

    private protected SqlGrainStorage(string name, string providerKind, IGrainStateSerializer serializer,
        int maxBatchSize, long maxBatchBytes, int maxConcurrentBatches, bool forbidNul)
    {
        StorageArguments.ValidateName(name, nameof(name));
        StorageArguments.ValidateBatchLimits(maxBatchSize, maxBatchBytes, maxConcurrentBatches, "options");
        Name = name;
        _serializer = serializer;
        _forbidNul = forbidNul;
        _tags = new TagList { { "provider", providerKind }, { "name", name } };
        _queue = new GroupCommitQueue<StorageOperation>(maxBatchSize, maxBatchBytes, maxConcurrentBatches, CommitAndRecordAsync);
    }

    /// <summary>The name the provider is registered under.</summary>
    public string Name { get; }

    /// <summary>Group commits so far (tests use it to see that concurrent writes were coalesced).</summary>
    internal long BatchCount => _queue.Batches;

    /// <summary>Writes and clears committed so far; with <see cref="BatchCount"/> gives the mean batch size.</summary>
    internal long OperationCount => _queue.Items;

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        StorageArguments.ValidateStateCall(stateName, grainId, grainState, _forbidNul);
        ThrowIfDisposed();
        var record = await ReadRecordAsync(stateName, grainId, cancellationToken);
        if (record is { } found)
        {
            grainState.State = _serializer.Deserialize<T>(found.Payload);
            grainState.ETag = VersionETag.Format(found.Version);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = DefaultState<T>.Create(grainState.State!);
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        StorageArguments.ValidateStateCall(stateName, grainId, grainState, _forbidNul);
        ThrowIfDisposed();
        // Serialised now: the grain may change its state object while the write waits for its batch.
        var payload = _serializer.Serialize(grainState.State);
        var version = await SubmitAsync(new StorageOperation(StorageOperationKind.Write, stateName, grainId, payload, grainState.ETag), cancellationToken);
        grainState.ETag = VersionETag.Format(version ?? throw new InvalidOperationException("A committed write reported no version."));
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        StorageArguments.ValidateStateCall(stateName, grainId, grainState, _forbidNul);
        ThrowIfDisposed();
        await SubmitAsync(new StorageOperation(StorageOperationKind.Clear, stateName, grainId, null, grainState.ETag), cancellationToken);
        grainState.State = DefaultState<T>.Create(grainState.State!);
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>Commits what is queued, then releases the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _queue.DisposeAsync();
        await DisposeCoreAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Commits what is queued, then releases the connections (blocking; prefer <see cref="DisposeAsync"/>).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Reads the stored version and payload, or null when there is no row.</summary>
    private protected abstract Task<(long Version, byte[] Payload)?> ReadRecordAsync(string stateName, GrainId grainId, CancellationToken cancellationToken);

    /// <summary>Applies a batch in one transaction, calling <see cref="StorageOperation.RecordOutcome"/> and completing each operation after commit.</summary>
    private protected abstract Task CommitBatchAsync(List<StorageOperation> batch);

    private protected abstract ValueTask DisposeCoreAsync();

    /// <summary>
    /// Applies <paramref name="batch"/> in one transaction with <paramref name="apply"/> and completes its operations. When
    /// the store rejects the whole batch (<typeparamref name="TRejected"/>: a bad row, a deadlock), nothing was committed, so
    /// each operation is applied again in a transaction of its own and only those failing alone (<typeparamref name="TFailed"/>) fail.
    /// </summary>
    private protected static async Task ApplyOrEachAloneAsync<TRejected, TFailed>(List<StorageOperation> batch, Func<List<StorageOperation>, Task> apply)
        where TRejected : Exception
        where TFailed : Exception
    {
        try
        {
            await apply(batch);
        }
        catch (TRejected) when (batch.Count > 1)
        {
            foreach (var operation in batch)
            {
                try
                {
                    await apply([operation]);
                    operation.CompleteWithOutcome();
                }
                catch (TFailed ex)
                {
                    operation.Fail(ex);
                }
            }

            return;
        }

        foreach (var operation in batch)
        {
            operation.CompleteWithOutcome();
        }
    }

    private async Task CommitAndRecordAsync(List<StorageOperation> batch)
    {
        try
        {
            await CommitBatchAsync(batch);
        }
        finally
        {
            StorageInstruments.BatchSize.Record(batch.Count, _tags);
        }
    }

    private async Task<long?> SubmitAsync(StorageOperation operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var registration = operation.RegisterCancellation(cancellationToken);
        _queue.Enqueue(operation);
        return await operation.Completion;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
}
