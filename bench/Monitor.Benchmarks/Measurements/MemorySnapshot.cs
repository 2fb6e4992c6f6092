using System.Diagnostics;
using System.Runtime;

namespace Monitor.Benchmarks.Measurements;

/// <summary>GC heap after two full compacting collections (large objects included), and the process's RSS.</summary>
internal readonly record struct MemorySnapshot(long Heap, long Rss)
{
    public static MemorySnapshot Take()
    {
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }

    public static string PerAccount(long bytes, int accounts) => (bytes / (double)accounts).ToString("N0");

    public override string ToString() => $"GC heap {Heap / 1048576.0:N1} MiB, RSS {Rss / 1048576.0:N1} MiB";
}
