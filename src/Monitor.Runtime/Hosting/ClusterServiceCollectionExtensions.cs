using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Runtime.Clustering;
using Monitor.Runtime.Messaging;
using Npgsql;

namespace Monitor.Runtime.Hosting;

/// <summary>Turns a silo into a cluster member: membership and leases in PostgreSQL, partition placement, forwarding, write fencing.</summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>The service key of the data source the membership tables use.</summary>
    public const string DataSourceKey = "Monitor.Cluster";

    /// <summary>
    /// Registers cluster mode (call after <c>AddMonitorSilo</c>): <see cref="ClusterMembershipService"/> (hosted),
    /// <see cref="PartitionFence"/> (PostgreSQL writers pick it up), <see cref="ClusterView"/>, <see cref="GrainCallReceiver"/>,
    /// and the cluster locator and transport in place of the single-silo ones.
    /// </summary>
    public static IServiceCollection AddMonitorCluster(this IServiceCollection services, Action<ClusterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ClusterOptions();
        configure(options);
        Validate(options);
        services.AddMonitorSilo();
        services.AddSingleton(Options.Create(options));
        services.AddKeyedSingleton(DataSourceKey, (_, _) => NpgsqlDataSource.Create(options.ConnectionString!));
        services.AddSingleton(provider => new MembershipTable(provider.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey), options.ServiceId));
        services.AddSingleton(new PartitionFence(options.ServiceId, options.Partitions));
        services.AddSingleton<ClusterView>();
        services.AddSingleton(provider => new ClusterMembershipService(
            provider.GetRequiredService<IOptions<ClusterOptions>>(), provider.GetRequiredService<MembershipTable>(),
            provider.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey), provider.GetRequiredService<PartitionFence>(),
            provider.GetRequiredService<ClusterView>(), provider.GetRequiredService<Activation.Catalog>(), provider,
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ClusterMembershipService>>()));
        services.AddSingleton<ClusterGrainLocator>();
        services.AddSingleton(provider => new GrainCallReceiver(
            provider.GetRequiredService<Activation.Catalog>(), provider.GetRequiredService<PartitionFence>(), provider.GetRequiredService<IOptions<ClusterOptions>>()));
        services.Replace(ServiceDescriptor.Singleton<IGrainLocator>(provider => provider.GetRequiredService<ClusterGrainLocator>()));
        services.Replace(ServiceDescriptor.Singleton<IGrainCallTransport, ClusterGrainCallTransport>());

        // Registered after the silo's own hosted services: it starts after them and stops before them, so a graceful stop
        // hands partitions off while the catalog still runs.
        services.AddHostedService(provider => provider.GetRequiredService<ClusterMembershipService>());
        return services;
    }

    private static void Validate(ClusterOptions options)
    {
        const string prefix = "Monitor:Cluster:";
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("Cluster mode needs PostgreSQL storage (a connection string).", prefix + "ConnectionString");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterSecret))
        {
            throw new ArgumentException("Cluster mode needs a cluster secret shared by every silo.", prefix + nameof(ClusterOptions.ClusterSecret));
        }

        if (!Uri.TryCreate(options.AdvertisedAddress, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"The advertised address '{options.AdvertisedAddress}' is not an absolute URL.", prefix + nameof(ClusterOptions.AdvertisedAddress));
        }

        if (options.Partitions is < 1 or > 1_048_576)
        {
            throw new ArgumentOutOfRangeException(prefix + nameof(ClusterOptions.Partitions), options.Partitions, "Must be between 1 and 1048576.");
        }

        if (options.HeartbeatPeriod <= TimeSpan.Zero || options.DeathTimeout <= options.HeartbeatPeriod * 2)
        {
            throw new ArgumentOutOfRangeException(prefix + nameof(ClusterOptions.DeathTimeout), options.DeathTimeout, "Must be more than twice the heartbeat period.");
        }

        if (options.MaxForwardAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(prefix + nameof(ClusterOptions.MaxForwardAttempts), options.MaxForwardAttempts, "Must be at least 1.");
        }
    }
}
