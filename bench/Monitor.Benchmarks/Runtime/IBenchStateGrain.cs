using Monitor.Runtime;

namespace Monitor.Benchmarks.Runtime;

public interface IBenchStateGrain : IGrainWithStringKey
{
    Task<int> GetFollowersAsync();
}
