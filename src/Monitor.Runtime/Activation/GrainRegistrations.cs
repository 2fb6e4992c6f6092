using System.Reflection;

namespace Monitor.Runtime.Activation;

/// <summary>The grain assemblies and explicit interface-to-class mappings collected by <see cref="Hosting.SiloOptionsBuilder"/>.</summary>
internal sealed class GrainRegistrations
{
    public List<Assembly> Assemblies { get; } = [];

    public List<(Type GrainInterface, Type GrainClass)> Mappings { get; } = [];
}
