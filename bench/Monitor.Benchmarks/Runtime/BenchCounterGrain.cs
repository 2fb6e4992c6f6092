namespace Monitor.Benchmarks.Runtime;

/// <summary>The work of the call benchmarks: increment a counter and return it.</summary>
[GrainType("bench-counter")]
public sealed class BenchCounterGrain : Grain, IBenchCounterGrain
{
    private int _count;

    public Task<int> IncrementAsync() => Task.FromResult(++_count);
}
