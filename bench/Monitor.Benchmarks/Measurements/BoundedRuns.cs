using System.Diagnostics;

namespace Monitor.Benchmarks.Measurements;

/// <summary>Calls over many keys with bounded concurrency, and timing.</summary>
internal static class BoundedRuns
{
    public static Task ForEachAsync<T>(IEnumerable<T> items, int concurrency, Func<T, Task> call) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (item, _) => await call(item));

    public static async Task<TimeSpan> TimeAsync(Func<Task> work)
    {
        var started = Stopwatch.GetTimestamp();
        await work();
        return Stopwatch.GetElapsedTime(started);
    }
}
