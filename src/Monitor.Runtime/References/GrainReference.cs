using System.Reflection;
using Monitor.Runtime.Messaging;

namespace Monitor.Runtime.References;

/// <summary>
/// The object behind every grain reference: a <see cref="DispatchProxy"/> that implements the grain interface and turns each call
/// into a dispatch of the method's cached invoker. References compare equal when they name the same grain through the same interface.
/// </summary>
#pragma warning disable CA1852 // DispatchProxy derives the generated proxy type from this class.
internal class GrainReference : DispatchProxy
#pragma warning restore CA1852
{
    private GrainCallDispatcher _dispatcher = null!;

    /// <summary>The grain this reference points at.</summary>
    public GrainId GrainId { get; private set; }

    /// <summary>The grain interface this reference implements.</summary>
    public GrainInterfaceMetadata Interface { get; private set; } = null!;

    /// <summary>The dispatcher of the silo or client that created the reference.</summary>
    public GrainCallDispatcher Dispatcher => _dispatcher;

    public override bool Equals(object? obj) =>
        obj is GrainReference other && other.GrainId == GrainId && ReferenceEquals(other.Interface, Interface);

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => $"{Interface.InterfaceType.Name}:{GrainId}";

    internal void Initialize(GrainId grainId, GrainInterfaceMetadata grainInterface, GrainCallDispatcher dispatcher)
    {
        GrainId = grainId;
        Interface = grainInterface;
        _dispatcher = dispatcher;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        _dispatcher.Invoke(GrainId, Interface.GetInvoker(targetMethod!), args ?? []);
}
