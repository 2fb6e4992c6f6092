using System.Globalization;

namespace Monitor.Benchmarks.Measurements;

/// <summary>What <see cref="RuntimeSampler"/> saw over an interval: the most work items queued and threads, GC pause, collections, JIT time.</summary>
internal readonly record struct RuntimeWindow(long MaxPending, int MaxThreads, double GcPauseMs, int Gen0, int Gen1, int Gen2, double JitMs)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"pool queue max {MaxPending}, threads {MaxThreads}, GC pause {GcPauseMs:F1} ms (gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2}), JIT {JitMs:F1} ms");
}
