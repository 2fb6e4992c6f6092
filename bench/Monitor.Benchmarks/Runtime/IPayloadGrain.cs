using Monitor.Abstractions.Accounts;
using Orleans.Concurrency;

namespace Monitor.Benchmarks.Runtime;

/// <summary>One large batch handed to a grain four ways: deep-copied, wrapped in <see cref="Immutable{T}"/>, as a parameter marked immutable, and as a list of mutable items.</summary>
[Alias("bench.IPayloadGrain")]
public interface IPayloadGrain : IGrainWithIntegerKey
{
    /// <summary>No payload: what the call itself costs.</summary>
    [Alias("PingAsync")]
    Task<int> PingAsync();

    /// <summary>The list as <see cref="IAccountGrain.RecordAsync"/> takes it: Orleans copies the list (its items are immutable records).</summary>
    [Alias("TakeAsync")]
    Task<int> TakeAsync(IReadOnlyList<ObservationInput> observations);

    [Alias("TakeImmutableAsync")]
    Task<int> TakeImmutableAsync(Immutable<IReadOnlyList<ObservationInput>> observations);

    [Alias("TakeMarkedAsync")]
    Task<int> TakeMarkedAsync([Immutable] IReadOnlyList<ObservationInput> observations);

    /// <summary>The same shape with items not marked immutable: Orleans copies the list and every item.</summary>
    [Alias("TakeMutableAsync")]
    Task<int> TakeMutableAsync(IReadOnlyList<MutableObservation> observations);
}
