namespace Monitor.Runtime;

/// <summary>On an <see cref="IPersistentState{TState}"/> constructor parameter of a grain: which state and which storage provider.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute : Attribute
{
    /// <summary>The storage provider used when none is named.</summary>
    public const string DefaultStorageName = "Default";

    /// <summary>Creates the attribute for the state <paramref name="stateName"/> kept in provider <paramref name="storageName"/>.</summary>
    public PersistentStateAttribute(string stateName, string? storageName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateName);
        StateName = stateName;
        StorageName = storageName ?? DefaultStorageName;
    }

    /// <summary>The name of the state within the grain (a grain may have several).</summary>
    public string StateName { get; }

    /// <summary>The keyed <see cref="Storage.IGrainStorage"/> service that holds it.</summary>
    public string StorageName { get; }
}
