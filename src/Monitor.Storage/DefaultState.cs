namespace Monitor.Storage;

/// <summary>
/// The state a grain sees when no record exists: a new instance when <typeparamref name="T"/> is a value type or has a public
/// parameterless constructor, otherwise the value the grain already holds (strings, arrays, records without a default constructor).
/// </summary>
internal static class DefaultState<T>
{
    private static readonly bool CanCreate =
        typeof(T).IsValueType || (!typeof(T).IsAbstract && !typeof(T).IsInterface && typeof(T).GetConstructor(Type.EmptyTypes) is not null);

    public static T Create(T current) => CanCreate ? Activator.CreateInstance<T>() : current;
}
