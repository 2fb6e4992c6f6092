namespace Monitor.Runtime;

/// <summary>A named piece of grain state kept in a grain storage provider; loaded before <see cref="Grain.OnActivateAsync"/>.</summary>
public interface IPersistentState<TState>
{
    /// <summary>The state object; changes become durable on <see cref="WriteStateAsync"/>.</summary>
    TState State { get; set; }

    /// <summary>The version tag of the stored record, null when none has been read or written.</summary>
    string? Etag { get; }

    /// <summary>Whether a record exists in storage.</summary>
    bool RecordExists { get; }

    /// <summary>Reloads the state from storage.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state; raises <see cref="Storage.InconsistentStateException"/> when another writer changed it.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the stored state and resets <see cref="State"/> to its initial value.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
