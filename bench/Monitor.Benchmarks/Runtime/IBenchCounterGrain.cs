using Monitor.Runtime;

namespace Monitor.Benchmarks.Runtime;

public interface IBenchCounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();
}
