using Monitor.Abstractions.Accounts;
using Orleans.Concurrency;

namespace Monitor.Benchmarks.Runtime;

/// <summary>Answers 1 when it received the caller's own list object (no copy was made), 0 when it received a copy.</summary>
[GrainType("bench-payload")]
public sealed class PayloadGrain : Grain, IPayloadGrain
{
    /// <summary>The list the benchmark sends, to tell a copy from the original.</summary>
    public static object? Sent { get; set; }

    public Task<int> PingAsync() => Task.FromResult(1);

    public Task<int> TakeAsync(IReadOnlyList<ObservationInput> observations) => Answer(observations);

    public Task<int> TakeImmutableAsync(Immutable<IReadOnlyList<ObservationInput>> observations) => Answer(observations.Value);

    public Task<int> TakeMarkedAsync(IReadOnlyList<ObservationInput> observations) => Answer(observations);

    public Task<int> TakeMutableAsync(IReadOnlyList<MutableObservation> observations) => Answer(observations);

    private static Task<int> Answer<T>(IReadOnlyList<T> observations) =>
        Task.FromResult(ReferenceEquals(observations, Sent) ? 1 : 0);
}
