using System.Collections.Concurrent;

namespace Monitor.Benchmarks.Runtime;

/// <summary>The baseline: one counter guarded by a <see cref="SemaphoreSlim"/> per key, doing the grain's work without a runtime.</summary>
public sealed class SemaphoreCounters
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<int> IncrementAsync(string key)
    {
        var entry = _entries.GetOrAdd(key, static _ => new Entry());
        await entry.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return ++entry.Count;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Count { get; set; }
    }
}
