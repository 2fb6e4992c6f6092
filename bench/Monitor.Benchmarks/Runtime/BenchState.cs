namespace Monitor.Benchmarks.Runtime;

/// <summary>A small persistent state, loaded from memory storage on each activation.</summary>
public sealed class BenchState
{
    public int Followers { get; set; }

    public string Platform { get; set; } = "x";
}
