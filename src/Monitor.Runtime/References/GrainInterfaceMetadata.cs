using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Linq.Expressions;
using System.Reflection;
using Monitor.Runtime.Messaging;

namespace Monitor.Runtime.References;

/// <summary>A validated grain interface: its method invokers and a fast constructor of its reference proxy. One per interface type per process.</summary>
internal sealed class GrainInterfaceMetadata
{
    private static readonly ConcurrentDictionary<Type, GrainInterfaceMetadata> Cache = new();

    // The proxy passes the MethodInfo instances reflection handed out, so identity finds them without hashing the method.
    private readonly FrozenDictionary<MethodInfo, GrainMethodInvoker> _invokersByIdentity;
    private readonly FrozenDictionary<MethodInfo, GrainMethodInvoker> _invokers;
    private readonly Func<GrainReference> _createProxy;

    private GrainInterfaceMetadata(Type interfaceType)
    {
        InterfaceType = interfaceType;
        _invokers = CollectMethods(interfaceType).ToFrozenDictionary(method => method, GrainMethodInvoker.Create);
        _invokersByIdentity = _invokers.ToFrozenDictionary(ReferenceEqualityComparer.Instance);
        _createProxy = CompileProxyConstructor(interfaceType);
    }

    /// <summary>The grain interface.</summary>
    public Type InterfaceType { get; }

    /// <summary>The invokers of every method of the interface and the interfaces it extends.</summary>
    public IEnumerable<GrainMethodInvoker> Invokers => _invokers.Values;

    /// <summary>Returns the validated metadata of <paramref name="interfaceType"/>; throws <see cref="ArgumentException"/> naming the offending member.</summary>
    public static GrainInterfaceMetadata For(Type interfaceType) =>
        Cache.TryGetValue(interfaceType, out var metadata) ? metadata : Cache.GetOrAdd(interfaceType, static type => new GrainInterfaceMetadata(type));

    public GrainMethodInvoker GetInvoker(MethodInfo method) =>
        _invokersByIdentity.TryGetValue(method, out var invoker) || _invokers.TryGetValue(method, out invoker)
            ? invoker
            : throw new ArgumentException($"{method.DeclaringType?.Name}.{method.Name} is not a method of grain interface {InterfaceType.Name}.", nameof(method));

    /// <summary>Creates a reference to <paramref name="grainId"/> that implements this interface.</summary>
    public GrainReference CreateReference(GrainId grainId, GrainCallDispatcher dispatcher)
    {
        var reference = _createProxy();
        reference.Initialize(grainId, this, dispatcher);
        return reference;
    }

    private static List<MethodInfo> CollectMethods(Type interfaceType)
    {
        if (!interfaceType.IsInterface)
        {
            throw new ArgumentException($"{interfaceType.FullName} is not an interface; grain references are created for grain interfaces.", nameof(interfaceType));
        }

        if (!typeof(IGrain).IsAssignableFrom(interfaceType))
        {
            throw new ArgumentException($"{interfaceType.FullName} does not extend {nameof(IGrain)}.", nameof(interfaceType));
        }

        if (interfaceType.ContainsGenericParameters)
        {
            throw new ArgumentException($"{interfaceType.FullName} is an open generic interface; close it with type arguments.", nameof(interfaceType));
        }

        var methods = new List<MethodInfo>();
        foreach (var type in interfaceType.GetInterfaces().Append(interfaceType))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                Validate(method);
                methods.Add(method);
            }
        }

        return methods;
    }

    private static void Validate(MethodInfo method)
    {
        var name = $"{method.DeclaringType!.FullName}.{method.Name}";
        if (method.IsSpecialName)
        {
            throw new ArgumentException($"Grain interface member {name} is a property or event; grain interfaces may only declare async methods.", nameof(method));
        }

        if (!method.IsAbstract)
        {
            throw new ArgumentException($"Grain interface method {name} has a default implementation; grain interfaces may only declare abstract methods.", nameof(method));
        }

        if (method.IsGenericMethodDefinition)
        {
            throw new ArgumentException($"Grain interface method {name} is generic; generic grain methods are not supported.", nameof(method));
        }

        var returnType = method.ReturnType;
        var isAsync = returnType == typeof(Task) || returnType == typeof(ValueTask)
            || (returnType.IsGenericType && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)));
        if (!isAsync)
        {
            throw new ArgumentException($"Grain interface method {name} returns {returnType.Name}; grain methods must return Task, ValueTask, Task<T> or ValueTask<T>.", nameof(method));
        }

        foreach (var parameter in method.GetParameters())
        {
            if (parameter.ParameterType.IsByRef || parameter.ParameterType.IsPointer || parameter.ParameterType.IsByRefLike)
            {
                throw new ArgumentException($"Parameter {parameter.Name} of grain interface method {name} is passed by reference; grain method parameters are passed by value.", nameof(method));
            }
        }
    }

    private static Func<GrainReference> CompileProxyConstructor(Type interfaceType)
    {
        // DispatchProxy.Create reflects on every call. Its generated type takes the interface's MethodInfo[] in its constructor
        // (and keeps it in a field), so compile "new Proxy(methods)" with the array of a sample instance; fall back if that shape changes.
        var sample = DispatchProxy.Create(interfaceType, typeof(GrainReference));
        var proxyType = sample.GetType();
        Expression? creation = null;
        if (proxyType.GetConstructor(Type.EmptyTypes) is { } parameterless)
        {
            creation = Expression.New(parameterless);
        }
        else if (proxyType.GetConstructor([typeof(MethodInfo[])]) is { } withMethods
            && proxyType.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .SingleOrDefault(field => field.FieldType == typeof(MethodInfo[])) is { } methodsField)
        {
            creation = Expression.New(withMethods, Expression.Constant(methodsField.GetValue(sample), typeof(MethodInfo[])));
        }

        if (creation is null)
        {
            return () => (GrainReference)DispatchProxy.Create(interfaceType, typeof(GrainReference));
        }

        return Expression.Lambda<Func<GrainReference>>(Expression.Convert(creation, typeof(GrainReference))).Compile();
    }
}
