using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Runtime.Activation;
using Monitor.Runtime.Configuration;
using Monitor.Runtime.Messaging;
using Monitor.Runtime.References;
using Monitor.Runtime.Reminders;
using Monitor.Runtime.Telemetry;

namespace Monitor.Runtime.Hosting;

/// <summary>Registers a silo in a service collection.</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grain runtime: <see cref="IGrainFactory"/>, the catalog, the reminder service and the options classes.
    /// May be called more than once; each call can add grains and options.
    /// </summary>
    public static IServiceCollection AddMonitorSilo(this IServiceCollection services, Action<SiloOptionsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registrations = services.FirstOrDefault(d => d.ServiceType == typeof(GrainRegistrations))?.ImplementationInstance as GrainRegistrations;
        if (registrations is null)
        {
            registrations = new GrainRegistrations();
            services.AddSingleton(registrations);
            services.AddOptions();
            services.AddLogging();
            services.AddMetrics();
            services.TryAddSingleton(TimeProvider.System);
            services.AddOptions<GrainCollectionOptions>();
            services.AddOptions<SiloMessagingOptions>();
            services.AddOptions<ReminderOptions>();
            services.TryAddSingleton<RuntimeInstruments>();
            services.TryAddSingleton<GrainTypeRegistry>();
            services.TryAddSingleton<Catalog>();
            services.TryAddSingleton<LocalSiloDetails>();
            services.TryAddSingleton<IGrainLocator, LocalGrainLocator>();
            services.TryAddSingleton<IGrainCallTransport, LocalGrainCallTransport>();
            services.TryAddSingleton<GrainCallDispatcher>();
            services.TryAddSingleton<IGrainFactory, GrainFactory>();
            services.TryAddSingleton<ReminderService>();

            // Hosted services stop in reverse order: reminders stop firing before the activations are deactivated.
            services.AddHostedService<SiloLifecycleService>();
            services.AddHostedService(provider => provider.GetRequiredService<ReminderService>());
        }

        configure?.Invoke(new SiloOptionsBuilder(services, registrations));
        return services;
    }
}
