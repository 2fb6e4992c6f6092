using Monitor.Runtime;

namespace Monitor.Benchmarks.Runtime;

public sealed class BenchStateGrain([PersistentState("bench")] IPersistentState<BenchState> state) : Grain, IBenchStateGrain
{
    public Task<int> GetFollowersAsync() => Task.FromResult(state.State.Followers);
}
