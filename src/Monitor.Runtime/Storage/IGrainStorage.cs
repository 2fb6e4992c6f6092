namespace Monitor.Runtime.Storage;

/// <summary>A grain storage provider: reads, writes and clears one named state of one grain, with ETag concurrency.</summary>
public interface IGrainStorage
{
    /// <summary>Reads the state into <paramref name="grainState"/>.</summary>
    Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default);

    /// <summary>Writes the state; throws <see cref="InconsistentStateException"/> when the ETag does not match.</summary>
    Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default);

    /// <summary>Clears the stored state; throws <see cref="InconsistentStateException"/> when the ETag does not match.</summary>
    Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default);
}
