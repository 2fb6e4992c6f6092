using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Runtime.Storage;
using Monitor.Runtime.Telemetry;

namespace Monitor.Runtime.Persistence;

/// <summary>One <see cref="PersistentStateAttribute"/> constructor parameter of a grain class: which state, which provider, which type.</summary>
internal abstract class PersistentStateDescriptor
{
    private IGrainStorage? _storage;

    protected PersistentStateDescriptor(string grainClassName, PersistentStateAttribute attribute, RuntimeInstruments instruments)
    {
        GrainClassName = grainClassName;
        StateName = attribute.StateName;
        StorageName = attribute.StorageName;
        Instruments = instruments;
    }

    public string GrainClassName { get; }

    public string StateName { get; }

    public string StorageName { get; }

    public RuntimeInstruments Instruments { get; }

    /// <summary>The constructor parameter type, <c>IPersistentState&lt;T&gt;</c>.</summary>
    public abstract Type ParameterType { get; }

    /// <summary>Describes <paramref name="parameter"/>; throws when it is not an <see cref="IPersistentState{TState}"/>.</summary>
    public static PersistentStateDescriptor Create(Type grainClass, ParameterInfo parameter, PersistentStateAttribute attribute, RuntimeInstruments instruments)
    {
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
        {
            throw new ArgumentException(
                $"Constructor parameter {parameter.Name} of grain class {grainClass.FullName} has [PersistentState] but type {type.Name}; it must be IPersistentState<T>.",
                nameof(parameter));
        }

        var descriptorType = typeof(PersistentStateDescriptor<>).MakeGenericType(type.GetGenericArguments()[0]);
        return (PersistentStateDescriptor)Activator.CreateInstance(descriptorType, grainClass.Name, attribute, instruments)!;
    }

    /// <summary>The keyed storage provider, resolved once.</summary>
    public IGrainStorage GetStorage(IServiceProvider services) =>
        _storage ??= services.GetKeyedService<IGrainStorage>(StorageName)
            ?? throw new InvalidOperationException(
                $"No grain storage named '{StorageName}' is registered (state '{StateName}' of grain class {GrainClassName}); register a keyed IGrainStorage with that name.");

    /// <summary>Creates the state object passed to the grain's constructor.</summary>
    public abstract IPersistentStateLoader Create(GrainId grainId, IServiceProvider services);
}
