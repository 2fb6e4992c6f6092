namespace Monitor.Runtime.Persistence;

/// <summary>A <see cref="PersistentStateDescriptor"/> for state type <typeparamref name="TState"/>.</summary>
internal sealed class PersistentStateDescriptor<TState> : PersistentStateDescriptor
{
    public PersistentStateDescriptor(string grainClassName, PersistentStateAttribute attribute, Telemetry.RuntimeInstruments instruments)
        : base(grainClassName, attribute, instruments)
    {
    }

    public override Type ParameterType => typeof(IPersistentState<TState>);

    public override IPersistentStateLoader Create(GrainId grainId, IServiceProvider services) =>
        new PersistentState<TState>(this, GetStorage(services), grainId);
}
