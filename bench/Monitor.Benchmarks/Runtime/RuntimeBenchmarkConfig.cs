using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Monitor.Benchmarks.Runtime;

/// <summary>A short in-process job (one launch, two warm-ups, five measured iterations) with an operations-per-second column.</summary>
public sealed class RuntimeBenchmarkConfig : ManualConfig
{
    public RuntimeBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(5)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithId("runtime"));
        AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
