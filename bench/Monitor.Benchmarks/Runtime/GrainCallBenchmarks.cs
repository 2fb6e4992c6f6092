using BenchmarkDotNet.Attributes;

namespace Monitor.Benchmarks.Runtime;

/// <summary>
/// Grain calls per second with 1, 2 and 64 concurrent callers spread over 100k activated grains, against a
/// <see cref="SemaphoreSlim"/>-per-key baseline doing the same work. Each call resolves the reference from the key, as an API handler does.
/// </summary>
[Config(typeof(RuntimeBenchmarkConfig))]
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    public const int Grains = 100_000;
    public const int CallsPerInvoke = 200_000;

    private BenchSilo _silo = null!;
    private SemaphoreCounters _baseline = null!;
    private string[] _keys = null!;

    [Params(1, 2, 64)]
    public int Callers { get; set; }

    // BenchmarkDotNet's in-process toolchain does not await asynchronous setup and cleanup methods.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _keys = Enumerable.Range(0, Grains).Select(i => $"x:account-{i}").ToArray();
        _silo = await BenchSilo.StartAsync();
        _baseline = new SemaphoreCounters();
        foreach (var key in _keys)
        {
            await _silo.Factory.GetGrain<IBenchCounterGrain>(key).IncrementAsync();
            await _baseline.IncrementAsync(key);
        }
    }

    private async Task CleanupAsync() => await _silo.DisposeAsync();

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerInvoke)]
    public Task SemaphorePerKey() => RunCallersAsync(_baseline.IncrementAsync);

    [Benchmark(OperationsPerInvoke = CallsPerInvoke)]
    public Task GrainCall()
    {
        var factory = _silo.Factory;
        return RunCallersAsync(key => factory.GetGrain<IBenchCounterGrain>(key).IncrementAsync());
    }

    private Task RunCallersAsync(Func<string, Task<int>> call)
    {
        var callers = new Task[Callers];
        for (var c = 0; c < Callers; c++)
        {
            var caller = c;
            callers[c] = Task.Run(async () =>
            {
                for (var i = caller; i < CallsPerInvoke; i += Callers)
                {
                    // A stride over the keys, so that concurrent callers mostly hit different grains.
                    await call(_keys[(int)((long)i * 7919 % Grains)]).ConfigureAwait(false);
                }
            });
        }

        return Task.WhenAll(callers);
    }
}
