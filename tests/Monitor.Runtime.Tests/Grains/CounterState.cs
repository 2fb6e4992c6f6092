namespace Monitor.Runtime.Tests.Grains;

/// <summary>Persistent state of <see cref="PersistentCounterGrain"/>.</summary>
public sealed class CounterState
{
    public int Value { get; set; }

    public List<string> History { get; set; } = [];
}
