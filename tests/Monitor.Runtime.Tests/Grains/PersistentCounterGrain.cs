using Monitor.Runtime.Tests.Infrastructure;

namespace Monitor.Runtime.Tests.Grains;

public sealed class PersistentCounterGrain : Grain, IPersistentCounterGrain
{
    private readonly IPersistentState<CounterState> _counter;
    private readonly GrainProbe _probe;

    public PersistentCounterGrain([PersistentState("counter")] IPersistentState<CounterState> counter, GrainProbe probe)
    {
        _counter = counter;
        _probe = probe;
        probe.Signal("constructed");
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _probe.Append($"activated:{GrainId.Key}:{_counter.State.Value}");
        return Task.CompletedTask;
    }

    public async Task<int> IncrementAsync(string note)
    {
        _counter.State.Value++;
        _counter.State.History.Add(note);
        await _counter.WriteStateAsync();
        return _counter.State.Value;
    }

    public Task<(int Value, bool RecordExists, IReadOnlyList<string> History)> GetAsync() =>
        Task.FromResult((_counter.State.Value, _counter.RecordExists, (IReadOnlyList<string>)[.. _counter.State.History]));

    public Task ClearAsync() => _counter.ClearStateAsync();

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _probe.Signal("deactivated");
        return Task.CompletedTask;
    }
}
