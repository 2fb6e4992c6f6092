namespace Monitor.Runtime.Storage;

/// <summary>The state of one grain as a storage provider reads and writes it.</summary>
public interface IGrainState<T>
{
    /// <summary>The state object.</summary>
    T State { get; set; }

    /// <summary>The version tag of the stored record; null when no record has been read or written.</summary>
    string? ETag { get; set; }

    /// <summary>Whether a record exists in storage.</summary>
    bool RecordExists { get; set; }
}
