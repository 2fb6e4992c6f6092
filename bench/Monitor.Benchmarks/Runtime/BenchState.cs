namespace Monitor.Benchmarks.Runtime;

/// <summary>A small persistent state, loaded from memory storage on each activation.</summary>
[GenerateSerializer, Alias("bench.BenchState")]
public sealed class BenchState
{
    [Id(0)]
    public int Followers { get; set; }

    [Id(1)]
    public string Platform { get; set; } = "x";
}
