using BenchmarkDotNet.Attributes;

namespace Monitor.Benchmarks.Storage;

/// <summary>
/// Grain state writes per second through Orleans grains, 1,000 grains x 64 concurrent writers (each awaiting its
/// grain's <c>WriteStateAsync</c> before the next), ~1 KB JSON states: Orleans' ADO.NET storage (baseline) against
/// Monitor's group-committing storage on the same engine. Needs Orleans' scripts: <see cref="OrleansSqlScripts"/>.
/// </summary>
public abstract class GrainStateWriteBenchmarks
{
    private GrainStateWriteSilo _silo = null!;

    // BenchmarkDotNet's in-process toolchain does not await asynchronous setup and cleanup methods.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = GrainWriteWorkload.WritesPerInvoke, Description = "Orleans ADO.NET storage")]
    public Task OrleansAdoNet() => _silo.RunAsync(GrainStateWriteSilo.OrleansProvider);

    [Benchmark(OperationsPerInvoke = GrainWriteWorkload.WritesPerInvoke, Description = "Monitor group-commit storage")]
    public Task MonitorGroupCommit() => _silo.RunAsync(GrainStateWriteSilo.MonitorProvider);

    private protected abstract Task<GrainStateWriteSilo> StartAsync();

    private async Task SetupAsync()
    {
        _silo = await StartAsync();
        Console.WriteLine($"// {_silo.Description}");
        // Every grain is activated and has a stored row, so measured writes are ETag-checked updates.
        await _silo.RunAsync(GrainStateWriteSilo.MonitorProvider, rounds: 1);
        await _silo.RunAsync(GrainStateWriteSilo.OrleansProvider, rounds: 1);
    }

    private async Task CleanupAsync()
    {
        Console.WriteLine($"// monitor storage: {_silo.MonitorBatchStatistics()}");
        await _silo.DisposeAsync();
    }
}

[Config(typeof(StorageBenchmarkConfig))]
public class SqliteGrainStateWriteBenchmarks : GrainStateWriteBenchmarks
{
    private protected override Task<GrainStateWriteSilo> StartAsync() => GrainStateWriteSilo.StartSqliteAsync();
}

[Config(typeof(StorageBenchmarkConfig))]
public class PostgresGrainStateWriteBenchmarks : GrainStateWriteBenchmarks
{
    private protected override Task<GrainStateWriteSilo> StartAsync() => GrainStateWriteSilo.StartPostgresAsync();
}
