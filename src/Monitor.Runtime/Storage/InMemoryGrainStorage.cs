namespace Monitor.Runtime.Storage;

/// <summary>
/// Grain storage in process memory, for unit tests and throw-away runs. State is kept as serialised bytes, so a caller that
/// mutates its object after a write does not change what is stored, and serialisation problems show up as they would in SQL.
/// </summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<(string StateName, GrainId GrainId), StoredRecord> _records = [];
    private readonly Lock _lock = new();
    private readonly IGrainStateSerializer _serializer;
    private long _lastVersion;

    /// <summary>Creates an empty store using <paramref name="serializer"/> (JSON when null).</summary>
    public InMemoryGrainStorage(IGrainStateSerializer? serializer = null)
    {
        _serializer = serializer ?? new JsonGrainStateSerializer();
    }

    /// <summary>Number of stored records.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _records.Count;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>A missing record gives a new <typeparamref name="T"/> when it has a parameterless constructor, else leaves State as it was.</remarks>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        StorageArguments.ValidateStateCall(stateName, grainId, grainState);
        cancellationToken.ThrowIfCancellationRequested();
        StoredRecord? record;
        lock (_lock)
        {
            _records.TryGetValue((stateName, grainId), out record);
        }

        if (record is null)
        {
            grainState.State = DefaultState<T>.Create(grainState.State);
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        else
        {
            grainState.State = _serializer.Deserialize<T>(record.Payload);
            grainState.ETag = VersionETag.Format(record.Version);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        StorageArguments.ValidateStateCall(stateName, grainId, grainState);
        cancellationToken.ThrowIfCancellationRequested();
        // Copied in case a custom serializer hands out a buffer it reuses.
        var payload = _serializer.Serialize(grainState.State).AsSpan().ToArray();
        var operation = new StorageOperation(StorageOperationKind.Write, stateName, grainId, payload, grainState.ETag);
        long version;
        lock (_lock)
        {
            var key = (stateName, grainId);
            _records.TryGetValue(key, out var existing);
            if (existing?.Version != operation.ExpectedVersion)
            {
                operation.Conflict(existing?.Version);
                return operation.Completion;
            }

            version = ++_lastVersion;
            _records[key] = new StoredRecord(payload, version);
        }

        grainState.ETag = VersionETag.Format(version);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        StorageArguments.ValidateStateCall(stateName, grainId, grainState);
        cancellationToken.ThrowIfCancellationRequested();
        var operation = new StorageOperation(StorageOperationKind.Clear, stateName, grainId, null, grainState.ETag);
        lock (_lock)
        {
            var key = (stateName, grainId);
            _records.TryGetValue(key, out var existing);
            if (existing?.Version != operation.ExpectedVersion)
            {
                operation.Conflict(existing?.Version);
                return operation.Completion;
            }

            _records.Remove(key);
        }

        grainState.State = DefaultState<T>.Create(grainState.State);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private sealed record StoredRecord(byte[] Payload, long Version);
}
