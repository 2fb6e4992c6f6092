namespace Monitor.Runtime.Persistence;

/// <summary>The value a persistent state starts with (and returns to when cleared): a new instance when the type has a parameterless constructor.</summary>
internal static class InitialState<TState>
{
    private static readonly bool HasParameterlessConstructor =
        typeof(TState).IsValueType || (!typeof(TState).IsAbstract && typeof(TState).GetConstructor(Type.EmptyTypes) is not null);

    public static TState Create() => HasParameterlessConstructor ? Activator.CreateInstance<TState>() : default!;
}
