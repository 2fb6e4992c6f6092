namespace Monitor.Benchmarks.Storage;

/// <summary>A grain state of about 1 KB of JSON: a handle, counters, a short history and some raw bytes.</summary>
public sealed class BenchmarkAccountState
{
    public string Handle { get; set; } = "";

    public long Followers { get; set; }

    public List<long> History { get; set; } = [];

    public byte[] Checkpoint { get; set; } = [];
}
