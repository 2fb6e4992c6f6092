using System.Collections.Frozen;
using System.Reflection;
using Monitor.Runtime.Telemetry;

namespace Monitor.Runtime.Activation;

/// <summary>The silo's grain classes by type name, and which class implements each grain interface.</summary>
internal sealed class GrainTypeRegistry
{
    private readonly FrozenDictionary<string, GrainClassInfo> _byTypeName;
    private readonly FrozenDictionary<Type, GrainClassInfo[]> _byInterface;
    private readonly FrozenDictionary<Type, GrainClassInfo> _explicit;

    public GrainTypeRegistry(GrainRegistrations registrations, RuntimeInstruments instruments)
    {
        var classes = new Dictionary<Type, GrainClassInfo>();
        GrainClassInfo Describe(Type type) =>
            classes.TryGetValue(type, out var info) ? info : classes[type] = new GrainClassInfo(type, instruments);

        foreach (var assembly in registrations.Assemblies.Distinct())
        {
            foreach (var type in LoadableTypes(assembly))
            {
                if (type.IsClass && !type.IsAbstract && !type.ContainsGenericParameters && typeof(Grain).IsAssignableFrom(type))
                {
                    Describe(type);
                }
            }
        }

        var explicitMappings = new Dictionary<Type, GrainClassInfo>();
        foreach (var (grainInterface, grainClass) in registrations.Mappings)
        {
            explicitMappings[grainInterface] = Describe(grainClass);
        }

        var byTypeName = new Dictionary<string, GrainClassInfo>(StringComparer.Ordinal);
        foreach (var info in classes.Values)
        {
            if (byTypeName.TryGetValue(info.TypeName, out var other))
            {
                throw new InvalidOperationException(
                    $"Grain classes {other.GrainClass.FullName} and {info.GrainClass.FullName} both have grain type '{info.TypeName}'; give one a distinct [GrainType].");
            }

            byTypeName[info.TypeName] = info;
        }

        _byTypeName = byTypeName.ToFrozenDictionary(StringComparer.Ordinal);
        _explicit = explicitMappings.ToFrozenDictionary();
        _byInterface = classes.Values
            .SelectMany(info => info.GrainInterfaces.Select(grainInterface => (grainInterface, info)))
            .GroupBy(pair => pair.grainInterface, pair => pair.info)
            .ToFrozenDictionary(group => group.Key, group => group.ToArray());
    }

    /// <summary>The class whose grains have type name <paramref name="typeName"/>.</summary>
    public GrainClassInfo GetByTypeName(string typeName) =>
        _byTypeName.TryGetValue(typeName, out var info)
            ? info
            : throw new ArgumentException($"No grain class with grain type '{typeName}' is registered in this silo.", nameof(typeName));

    /// <summary>The single class that implements <paramref name="grainInterface"/> (an explicit mapping wins over assembly scanning).</summary>
    public GrainClassInfo GetByInterface(Type grainInterface)
    {
        if (_explicit.TryGetValue(grainInterface, out var mapped))
        {
            return mapped;
        }

        if (!_byInterface.TryGetValue(grainInterface, out var implementations))
        {
            throw new ArgumentException(
                $"No registered grain class implements {grainInterface.FullName}; register its assembly with AddGrainsFromAssembly or map it with AddGrain<TInterface, TGrain>().",
                nameof(grainInterface));
        }

        if (implementations.Length > 1)
        {
            throw new ArgumentException(
                $"Grain interface {grainInterface.FullName} is implemented by {string.Join(", ", implementations.Select(i => i.GrainClass.FullName))}; choose one with AddGrain<TInterface, TGrain>().",
                nameof(grainInterface));
        }

        return implementations[0];
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            return exception.Types.Where(type => type is not null)!;
        }
    }
}
