using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;

namespace Monitor.Benchmarks.Runtime;

/// <summary>
/// A million activations held in one silo: the time to activate them, and the memory each keeps while idle (printed as
/// "// footprint ..." lines), against a dictionary of a million plain objects with the grain's fields.
/// </summary>
[Config(typeof(FootprintBenchmarkConfig))]
public class ActivationFootprintBenchmarks
{
    public const int Activations = 1_000_000;

    private string[] _keys = null!;
    private BenchSilo? _silo;
    private ConcurrentDictionary<string, PlainCounter>? _plain;
    private long _before;

    [GlobalSetup]
    public void Setup() => _keys = Enumerable.Range(0, Activations).Select(i => $"x:account-{i}").ToArray();

    [IterationSetup(Target = nameof(HoldPlainObjects))]
    public void SetupPlain()
    {
        _before = Measure();
        _plain = new ConcurrentDictionary<string, PlainCounter>(StringComparer.Ordinal);
    }

    [IterationCleanup(Target = nameof(HoldPlainObjects))]
    public void CleanupPlain()
    {
        Report("plain objects", _plain!.Count);
        _plain = null;
    }

    [IterationSetup(Target = nameof(HoldActivations))]
    public void SetupSilo()
    {
        _silo = BenchSilo.StartAsync().GetAwaiter().GetResult();
        var warm = _silo.Factory.GetGrain<IBenchCounterGrain>("warm-up").IncrementAsync().GetAwaiter().GetResult();
        GC.KeepAlive(warm);
        _before = Measure();
    }

    [IterationCleanup(Target = nameof(HoldActivations))]
    public void CleanupSilo()
    {
        Report("grain activations", Activations);
        _silo!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _silo = null;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Activations)]
    public void HoldPlainObjects()
    {
        foreach (var key in _keys)
        {
            _plain![key] = new PlainCounter { Count = 1 };
        }
    }

    [Benchmark(OperationsPerInvoke = Activations)]
    public async Task HoldActivations()
    {
        var factory = _silo!.Factory;
        foreach (var key in _keys)
        {
            await factory.GetGrain<IBenchCounterGrain>(key).IncrementAsync();
        }
    }

    private static long Measure()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private void Report(string what, int count)
    {
        var retained = Measure() - _before;
        Console.WriteLine($"// footprint {what}: {count:N0} held, {retained / (double)count:F0} bytes each ({retained / (1024.0 * 1024):F0} MiB)");
    }
}
