using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Runtime.Persistence;
using Monitor.Runtime.Reminders;
using Monitor.Runtime.Telemetry;

namespace Monitor.Runtime.Activation;

/// <summary>A validated grain class: its type name, concurrency, persistent states and a compiled constructor.</summary>
internal sealed class GrainClassInfo
{
    private readonly PersistentStateDescriptor[] _states;
    private readonly ObjectFactory _factory;

    public GrainClassInfo(Type grainClass, RuntimeInstruments instruments)
    {
        if (!grainClass.IsClass || grainClass.IsAbstract || grainClass.ContainsGenericParameters || !typeof(Grain).IsAssignableFrom(grainClass))
        {
            throw new ArgumentException(
                $"{grainClass.FullName} is not a concrete, closed class deriving from {nameof(Grain)}.", nameof(grainClass));
        }

        GrainClass = grainClass;
        TypeName = grainClass.GetCustomAttribute<GrainTypeAttribute>(inherit: false)?.GrainType ?? grainClass.Name;
        IsReentrant = grainClass.IsDefined(typeof(ReentrantAttribute), inherit: true);
        IsRemindable = typeof(IRemindable).IsAssignableFrom(grainClass);
        GrainInterfaces = grainClass.GetInterfaces()
            .Where(type => typeof(IGrain).IsAssignableFrom(type) && type != typeof(IGrain) && type != typeof(IGrainWithStringKey) && type != typeof(IRemindable))
            .ToArray();

        var constructor = SelectConstructor(grainClass);
        _states = constructor.GetParameters()
            .Select(parameter => (parameter, attribute: parameter.GetCustomAttribute<PersistentStateAttribute>()))
            .Where(pair => pair.attribute is not null)
            .Select(pair => PersistentStateDescriptor.Create(grainClass, pair.parameter, pair.attribute!, instruments))
            .ToArray();
        var duplicate = _states.GroupBy(state => state.StateName).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Grain class {grainClass.FullName} declares persistent state '{duplicate.Key}' more than once.", nameof(grainClass));
        }

        _factory = ActivatorUtilities.CreateFactory(grainClass, _states.Select(state => state.ParameterType).ToArray());
    }

    public Type GrainClass { get; }

    /// <summary>The <see cref="GrainId.Type"/> of this class's grains.</summary>
    public string TypeName { get; }

    public bool IsReentrant { get; }

    public bool IsRemindable { get; }

    /// <summary>The application grain interfaces the class implements.</summary>
    public IReadOnlyList<Type> GrainInterfaces { get; }

    /// <summary>Constructs the grain for <paramref name="activation"/>; <paramref name="states"/> are its persistent states, not yet loaded.</summary>
    public Grain Create(IServiceProvider services, GrainActivation activation, out object?[] states)
    {
        states = _states.Length == 0 ? [] : new object?[_states.Length];
        for (var i = 0; i < _states.Length; i++)
        {
            states[i] = _states[i].Create(activation.GrainId, services);
        }

        return activation.Construct(_factory, services, states);
    }

    private static ConstructorInfo SelectConstructor(Type grainClass)
    {
        var constructors = grainClass.GetConstructors();
        var marked = constructors.Where(c => c.IsDefined(typeof(ActivatorUtilitiesConstructorAttribute), inherit: false)).ToArray();
        if (marked.Length == 1)
        {
            return marked[0];
        }

        if (constructors.Length == 1)
        {
            return constructors[0];
        }

        throw new ArgumentException(
            $"Grain class {grainClass.FullName} has {constructors.Length} public constructors; give it one, or mark one with [ActivatorUtilitiesConstructor].",
            nameof(grainClass));
    }
}
