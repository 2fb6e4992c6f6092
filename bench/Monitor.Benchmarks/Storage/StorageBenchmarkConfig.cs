using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Monitor.Benchmarks.Storage;

/// <summary>
/// A short in-process job (one launch, one warm-up, five measured invocations) so a storage run takes a few minutes,
/// with a writes-per-second column (each invocation performs <see cref="GrainWriteWorkload.WritesPerInvoke"/> writes).
/// </summary>
public sealed class StorageBenchmarkConfig : ManualConfig
{
    public StorageBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(15), logOutput: true))
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithId("storage"));
        AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
