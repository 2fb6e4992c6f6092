namespace Monitor.Runtime.Tests.Grains;

/// <summary>Names a storage provider that no test silo registers.</summary>
public sealed class MisconfiguredGrain([PersistentState("settings", "nowhere")] IPersistentState<CounterState> settings) : Grain, IMisconfiguredGrain
{
    public Task PingAsync() => Task.FromResult(settings.State.Value);
}
