namespace Monitor.Benchmarks.Runtime;

[GrainType(GrainTypeName)]
public sealed class BenchStateGrain([PersistentState("bench")] IPersistentState<BenchState> state) : Grain, IBenchStateGrain
{
    public const string GrainTypeName = "bench-state";

    public Task<int> GetFollowersAsync() => Task.FromResult(state.State.Followers);
}
