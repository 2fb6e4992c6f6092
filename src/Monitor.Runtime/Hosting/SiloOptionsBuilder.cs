using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Runtime.Activation;

namespace Monitor.Runtime.Hosting;

/// <summary>Configures a silo: its grain classes, options and (through <see cref="Services"/>) storage providers and reminder table.</summary>
public sealed class SiloOptionsBuilder
{
    private readonly GrainRegistrations _registrations;

    internal SiloOptionsBuilder(IServiceCollection services, GrainRegistrations registrations)
    {
        Services = services;
        _registrations = registrations;
    }

    /// <summary>The service collection the silo is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Registers every concrete <see cref="Grain"/> class of <paramref name="assembly"/> and the grain interfaces they implement.</summary>
    public SiloOptionsBuilder AddGrainsFromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _registrations.Assemblies.Add(assembly);
        return this;
    }

    /// <summary>Registers <typeparamref name="TGrain"/> as the implementation of <typeparamref name="TGrainInterface"/> (wins over assembly scanning).</summary>
    public SiloOptionsBuilder AddGrain<TGrainInterface, TGrain>()
        where TGrainInterface : IGrain
        where TGrain : Grain, TGrainInterface
    {
        _registrations.Mappings.Add((typeof(TGrainInterface), typeof(TGrain)));
        return this;
    }

    /// <summary>Configures one of the silo's options classes (<c>GrainCollectionOptions</c>, <c>SiloMessagingOptions</c>, <c>ReminderOptions</c>).</summary>
    public SiloOptionsBuilder Configure<TOptions>(Action<TOptions> configure)
        where TOptions : class
    {
        Services.Configure(configure);
        return this;
    }
}
