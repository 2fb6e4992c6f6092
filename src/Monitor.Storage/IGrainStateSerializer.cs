namespace Monitor.Storage;

/// <summary>Turns grain state into the bytes a storage provider keeps, and back.</summary>
public interface IGrainStateSerializer
{
    /// <summary>Serialises <paramref name="state"/> into a new array the caller owns.</summary>
    byte[] Serialize<T>(T state);

    /// <summary>Deserialises a payload written by <see cref="Serialize{T}"/>, possibly by an older or newer build of <typeparamref name="T"/>.</summary>
    T Deserialize<T>(ReadOnlySpan<byte> payload);
}
