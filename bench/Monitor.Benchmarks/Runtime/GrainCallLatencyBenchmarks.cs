using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace Monitor.Benchmarks.Runtime;

/// <summary>
/// Latency of one call with one caller (mean per call from BenchmarkDotNet), and p50/p99 over individually timed calls,
/// printed at cleanup as "// latency ..." lines.
/// </summary>
[Config(typeof(RuntimeBenchmarkConfig))]
[MemoryDiagnoser]
public class GrainCallLatencyBenchmarks
{
    private const int Grains = 1_000;
    private const int CallsPerInvoke = 100_000;
    private const int Samples = 200_000;

    private BenchSilo _silo = null!;
    private SemaphoreCounters _baseline = null!;
    private string[] _keys = null!;

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

    private async Task CleanupAsync()
    {
        var factory = _silo.Factory;
        await PrintPercentilesAsync("grain call", key => factory.GetGrain<IBenchCounterGrain>(key).IncrementAsync());
        await PrintPercentilesAsync("semaphore per key", _baseline.IncrementAsync);
        await _silo.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerInvoke)]
    public async Task SemaphorePerKey()
    {
        for (var i = 0; i < CallsPerInvoke; i++)
        {
            await _baseline.IncrementAsync(_keys[i % Grains]);
        }
    }

    [Benchmark(OperationsPerInvoke = CallsPerInvoke)]
    public async Task GrainCall()
    {
        var factory = _silo.Factory;
        for (var i = 0; i < CallsPerInvoke; i++)
        {
            await factory.GetGrain<IBenchCounterGrain>(_keys[i % Grains]).IncrementAsync();
        }
    }

    private async Task PrintPercentilesAsync(string name, Func<string, Task<int>> call)
    {
        var elapsed = new double[Samples];
        for (var i = 0; i < Samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call(_keys[i % Grains]);
            elapsed[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        Array.Sort(elapsed);
        Console.WriteLine($"// latency {name}: p50={elapsed[Samples / 2]:F3} us p99={elapsed[Samples * 99 / 100]:F3} us p99.9={elapsed[Samples * 999 / 1000]:F3} us");
    }
}
