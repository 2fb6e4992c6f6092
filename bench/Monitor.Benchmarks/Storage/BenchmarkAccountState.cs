namespace Monitor.Benchmarks.Storage;

/// <summary>A grain state of about 1 KB of JSON: a handle, counters, a short history and some raw bytes.</summary>
[GenerateSerializer, Alias("bench.BenchmarkAccountState")]
public sealed class BenchmarkAccountState
{
    [Id(0)]
    public string Handle { get; set; } = "";

    [Id(1)]
    public long Followers { get; set; }

    [Id(2)]
    public List<long> History { get; set; } = [];

    [Id(3)]
    public byte[] Checkpoint { get; set; } = [];

    /// <summary>The state of grain <paramref name="index"/> before any write.</summary>
    public static BenchmarkAccountState Create(long index) => new()
    {
        Handle = $"@account_{index}",
        Followers = 1_000_000 + index,
        History = [.. Enumerable.Range(0, 40).Select(d => 1_000_000L + index - (d * 97L))],
        Checkpoint = [.. Enumerable.Range(0, 400).Select(b => (byte)(b * index))],
    };

    /// <summary>What each benchmarked write changes.</summary>
    public void Advance()
    {
        Followers++;
        History[0] = Followers;
    }
}
