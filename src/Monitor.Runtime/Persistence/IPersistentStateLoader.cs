namespace Monitor.Runtime.Persistence;

/// <summary>What activation needs of a grain's persistent state: loading it before OnActivateAsync.</summary>
internal interface IPersistentStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken = default);
}
