using BenchmarkDotNet.Attributes;

namespace Monitor.Benchmarks.Runtime;

/// <summary>
/// Where a call's time goes, one caller and one activated grain: a direct interface call on a plain object (baseline),
/// a call through a cached reference (proxy, invoker, scheduler), and the same with the reference resolved per call.
/// </summary>
[Config(typeof(RuntimeBenchmarkConfig))]
[MemoryDiagnoser]
public class ReferenceDispatchBenchmarks
{
    private const int CallsPerInvoke = 200_000;

    private BenchSilo _silo = null!;
    private IBenchCounterGrain _reference = null!;
    private IBenchCounterGrain _direct = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _silo = await BenchSilo.StartAsync();
        _reference = _silo.Factory.GetGrain<IBenchCounterGrain>("x:one");
        await _reference.IncrementAsync();
        _direct = new DirectCounter();
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _silo.DisposeAsync();

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerInvoke)]
    public async Task DirectInterfaceCall()
    {
        for (var i = 0; i < CallsPerInvoke; i++)
        {
            await _direct.IncrementAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = CallsPerInvoke)]
    public async Task CachedReferenceCall()
    {
        for (var i = 0; i < CallsPerInvoke; i++)
        {
            await _reference.IncrementAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = CallsPerInvoke)]
    public async Task GetGrainAndCall()
    {
        var factory = _silo.Factory;
        for (var i = 0; i < CallsPerInvoke; i++)
        {
            await factory.GetGrain<IBenchCounterGrain>("x:one").IncrementAsync();
        }
    }

    private sealed class DirectCounter : IBenchCounterGrain
    {
        private int _count;

        public Task<int> IncrementAsync() => Task.FromResult(++_count);
    }
}
