namespace Monitor.Benchmarks.Runtime;

/// <summary>The baseline's stand-in for a grain: the same fields as <see cref="BenchCounterGrain"/> (its count and the base class's context).</summary>
public sealed class PlainCounter
{
    public object? Context { get; set; }

    public int Count { get; set; }
}
