using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Monitor.Benchmarks.Runtime;

/// <summary>One cold in-process run per benchmark: filling a silo with a million activations is measured once, not averaged.</summary>
public sealed class FootprintBenchmarkConfig : ManualConfig
{
    public FootprintBenchmarkConfig()
    {
        AddJob(Job.Default
            // A million Orleans activations take minutes per iteration here: the default in-process timeout (5 min) is too short.
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
            .WithStrategy(RunStrategy.ColdStart)
            .WithLaunchCount(1)
            .WithWarmupCount(0)
            .WithIterationCount(3)
            .WithId("footprint"));
    }
}
