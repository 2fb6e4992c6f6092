namespace Monitor.Benchmarks.Runtime;

[Alias("bench.IBenchCounterGrain")]
public interface IBenchCounterGrain : IGrainWithStringKey
{
    [Alias("IncrementAsync")]
    Task<int> IncrementAsync();
}
