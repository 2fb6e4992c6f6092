namespace Monitor.Runtime.Storage;

/// <summary>The default <see cref="IGrainState{T}"/>: a mutable holder of state, ETag and existence flag.</summary>
public sealed class GrainState<T> : IGrainState<T>
{
    /// <summary>Creates a holder with the given initial state and no stored record.</summary>
    public GrainState(T state)
    {
        State = state;
    }

    /// <inheritdoc />
    public T State { get; set; }

    /// <inheritdoc />
    public string? ETag { get; set; }

    /// <inheritdoc />
    public bool RecordExists { get; set; }
}
