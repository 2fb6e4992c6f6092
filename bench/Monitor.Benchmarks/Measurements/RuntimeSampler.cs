using System.Diagnostics;

namespace Monitor.Benchmarks.Measurements;

/// <summary>
/// Samples the process's runtime every few milliseconds on a dedicated thread (not the thread pool, which is one of the
/// things measured): thread-pool queue length and threads, total GC pause, collections, JIT time. <see cref="Window"/>
/// sums up what happened between two <see cref="Stopwatch"/> timestamps.
/// </summary>
internal sealed class RuntimeSampler : IDisposable
{
    private readonly List<RuntimeSample> _samples = [];
    private readonly Lock _lock = new();
    private readonly Thread _thread;
    private volatile bool _stopping;

    public RuntimeSampler()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "runtime sampler", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>What the samples taken between <paramref name="from"/> and <paramref name="to"/> saw.</summary>
    public RuntimeWindow Window(long from, long to)
    {
        lock (_lock)
        {
            var before = Last(from) ?? (_samples.Count > 0 ? _samples[0] : Take());
            var inside = _samples.Where(s => s.Timestamp >= from && s.Timestamp <= to).ToList();
            var after = inside.Count > 0 ? inside[^1] : before;
            return new RuntimeWindow(
                inside.Count == 0 ? before.Pending : inside.Max(s => s.Pending),
                inside.Count == 0 ? before.Threads : inside.Max(s => s.Threads),
                (after.GcPause - before.GcPause).TotalMilliseconds,
                after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2,
                (after.JitTime - before.JitTime).TotalMilliseconds);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
    }

    private RuntimeSample? Last(long timestamp)
    {
        for (var i = _samples.Count - 1; i >= 0; i--)
        {
            if (_samples[i].Timestamp < timestamp)
            {
                return _samples[i];
            }
        }

        return null;
    }

    private void Run()
    {
        while (!_stopping)
        {
            var sample = Take();
            lock (_lock)
            {
                _samples.Add(sample);
            }

            Thread.Sleep(2);
        }
    }

    private static RuntimeSample Take() => new(
        Stopwatch.GetTimestamp(), ThreadPool.PendingWorkItemCount, ThreadPool.ThreadCount, GC.GetTotalPauseDuration(),
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), System.Runtime.JitInfo.GetCompilationTime());
}
