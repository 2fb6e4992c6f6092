using System.Collections.Concurrent;
using Monitor.Runtime.Activation;
using Monitor.Runtime.Messaging;

namespace Monitor.Runtime.References;

/// <summary>The silo's <see cref="IGrainFactory"/>: maps the interface to its grain class and wraps the id in a reference.</summary>
internal sealed class GrainFactory : IGrainFactory
{
    private readonly ConcurrentDictionary<Type, (GrainInterfaceMetadata Metadata, string GrainType)> _bindings = new();
    private readonly GrainTypeRegistry _registry;
    private readonly GrainCallDispatcher _dispatcher;

    public GrainFactory(GrainTypeRegistry registry, GrainCallDispatcher dispatcher)
    {
        _registry = registry;
        _dispatcher = dispatcher;
    }

    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        var (metadata, grainType) = _bindings.TryGetValue(typeof(TGrainInterface), out var binding) ? binding : Bind(typeof(TGrainInterface));
        return (TGrainInterface)(object)metadata.CreateReference(new GrainId(grainType, key), _dispatcher);
    }

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IGrain
    {
        if (grainId.Type is null || grainId.Key is null)
        {
            throw new ArgumentException($"Grain id '{grainId}' has no type or no key.", nameof(grainId));
        }

        var grainClass = _registry.GetByTypeName(grainId.Type);
        if (!typeof(TGrainInterface).IsAssignableFrom(grainClass.GrainClass))
        {
            throw new ArgumentException($"Grain class {grainClass.GrainClass.FullName} of grain {grainId} does not implement {typeof(TGrainInterface).FullName}.", nameof(grainId));
        }

        return (TGrainInterface)(object)GrainInterfaceMetadata.For(typeof(TGrainInterface)).CreateReference(grainId, _dispatcher);
    }

    private (GrainInterfaceMetadata Metadata, string GrainType) Bind(Type grainInterface)
    {
        var metadata = GrainInterfaceMetadata.For(grainInterface);
        var grainClass = _registry.GetByInterface(grainInterface);
        return _bindings.GetOrAdd(grainInterface, (metadata, grainClass.TypeName));
    }
}
