using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;

namespace Monitor.Benchmarks.Runtime;

/// <summary>
/// Activations per second, each loading its state from Orleans' memory storage and serving one call, against a baseline
/// that loads the same state from the same storage into a dictionary.
/// </summary>
[Config(typeof(RuntimeBenchmarkConfig))]
[MemoryDiagnoser]
public class ActivationBenchmarks
{
    public const int ActivationsPerInvoke = 20_000;
    private const int StoredGrains = 200_000;

    private readonly ConcurrentDictionary<string, GrainState<BenchState>> _baseline = new(StringComparer.Ordinal);
    private BenchSilo _silo = null!;
    private string[] _keys = null!;
    private int _grainCursor;
    private int _baselineCursor;

    // BenchmarkDotNet's in-process toolchain does not await asynchronous setup and cleanup methods.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _silo.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = ActivationsPerInvoke)]
    public async Task LoadStateIntoDictionary()
    {
        var storage = _silo.Storage();
        for (var i = 0; i < ActivationsPerInvoke; i++)
        {
            var key = _keys[_baselineCursor++ % StoredGrains];
            var state = new GrainState<BenchState>(new BenchState());
            await storage.ReadStateAsync("bench", GrainId.Create(BenchStateGrain.GrainTypeName, key), state);
            _baseline[key] = state;
        }
    }

    [Benchmark(OperationsPerInvoke = ActivationsPerInvoke)]
    public async Task ActivateGrain()
    {
        var factory = _silo.Factory;
        for (var i = 0; i < ActivationsPerInvoke; i++)
        {
            await factory.GetGrain<IBenchStateGrain>(_keys[_grainCursor++ % StoredGrains]).GetFollowersAsync();
        }
    }

    private async Task SetupAsync()
    {
        _silo = await BenchSilo.StartAsync();
        _keys = Enumerable.Range(0, StoredGrains).Select(i => $"x:account-{i}").ToArray();
        var storage = _silo.Storage();
        await Parallel.ForEachAsync(_keys, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (key, _) =>
        {
            var state = new GrainState<BenchState>(new BenchState { Followers = key.Length });
            await storage.WriteStateAsync("bench", GrainId.Create(BenchStateGrain.GrainTypeName, key), state);
        });
    }
}
