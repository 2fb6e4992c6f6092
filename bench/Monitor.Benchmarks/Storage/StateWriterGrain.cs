namespace Monitor.Benchmarks.Storage;

/// <summary>Starts from <see cref="BenchmarkAccountState.Create"/> when nothing is stored; each call advances the state and writes it.</summary>
public abstract class StateWriterGrain(IPersistentState<BenchmarkAccountState> state) : Grain, IStateWriterGrain
{
    public const string StateName = "account";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            state.State = BenchmarkAccountState.Create(this.GetPrimaryKeyLong());
        }

        return Task.CompletedTask;
    }

    public Task WriteAsync()
    {
        state.State.Advance();
        return state.WriteStateAsync();
    }
}

[GrainType("bench-writer-monitor")]
public sealed class MonitorStoreWriterGrain([PersistentState(StateWriterGrain.StateName, GrainStateWriteSilo.MonitorProvider)] IPersistentState<BenchmarkAccountState> state)
    : StateWriterGrain(state), IMonitorStoreWriterGrain;

[GrainType("bench-writer-orleans")]
public sealed class OrleansStoreWriterGrain([PersistentState(StateWriterGrain.StateName, GrainStateWriteSilo.OrleansProvider)] IPersistentState<BenchmarkAccountState> state)
    : StateWriterGrain(state), IOrleansStoreWriterGrain;
