namespace Monitor.Benchmarks.Runtime;

[Alias("bench.IBenchStateGrain")]
public interface IBenchStateGrain : IGrainWithStringKey
{
    [Alias("GetFollowersAsync")]
    Task<int> GetFollowersAsync();
}
