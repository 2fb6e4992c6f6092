using System.Diagnostics;
using Monitor.Runtime.Storage;

namespace Monitor.Runtime.Persistence;

/// <summary>
/// A grain's <see cref="IPersistentState{TState}"/>: it is its own <see cref="IGrainState{T}"/> for the storage provider,
/// and measures every provider call (latency, failures, ETag conflicts).
/// </summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IGrainState<TState>, IPersistentStateLoader
{
    private readonly PersistentStateDescriptor _descriptor;
    private readonly IGrainStorage _storage;
    private readonly GrainId _grainId;

    public PersistentState(PersistentStateDescriptor descriptor, IGrainStorage storage, GrainId grainId)
    {
        _descriptor = descriptor;
        _storage = storage;
        _grainId = grainId;
        State = InitialState<TState>.Create();
    }

    public TState State { get; set; }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }

    string? IPersistentState<TState>.Etag => ETag;

    public Task ReadStateAsync(CancellationToken cancellationToken = default) =>
        Measure("read", static (s, ct) => s._storage.ReadStateAsync(s._descriptor.StateName, s._grainId, s, ct), cancellationToken);

    public Task WriteStateAsync(CancellationToken cancellationToken = default) =>
        Measure("write", static (s, ct) => s._storage.WriteStateAsync(s._descriptor.StateName, s._grainId, s, ct), cancellationToken);

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await Measure("clear", static (s, ct) => s._storage.ClearStateAsync(s._descriptor.StateName, s._grainId, s, ct), cancellationToken).ConfigureAwait(false);
        State = InitialState<TState>.Create();
        RecordExists = false;
    }

    private Task Measure(string operation, Func<PersistentState<TState>, CancellationToken, Task> storageOperation, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        Task storageCall;
        try
        {
            storageCall = storageOperation(this, cancellationToken);
        }
        catch (Exception exception)
        {
            storageCall = Task.FromException(exception);
        }

        if (storageCall.IsCompletedSuccessfully)
        {
            Record(operation, started, exception: null);
            return storageCall;
        }

        return MeasureAsync(operation, storageCall, started);
    }

    private async Task MeasureAsync(string operation, Task storageCall, long started)
    {
        try
        {
            await storageCall.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Record(operation, started, exception);
            throw;
        }

        Record(operation, started, exception: null);
    }

    private void Record(string operation, long started, Exception? exception)
    {
        var instruments = _descriptor.Instruments;
        var provider = new KeyValuePair<string, object?>("provider", _descriptor.StorageName);
        var kind = new KeyValuePair<string, object?>("operation", operation);
        instruments.StorageDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, provider, kind);
        if (exception is InconsistentStateException)
        {
            instruments.StorageConflicts.Add(1, provider);
        }

        if (exception is not null)
        {
            instruments.StorageFailures.Add(1, provider, kind);
        }
    }
}
