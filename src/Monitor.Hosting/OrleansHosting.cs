using System.Net.Sockets;
using System.Net;
using Monitor.Grains.Accounts;
using Monitor.Grains.Alerts;
using Monitor.Grains;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Monitor.Hosting;

/// <summary>
/// The Orleans silo co-hosted in the web application: clustering (localhost, or ADO.NET over PostgreSQL in cluster mode),
/// endpoints, membership tuning, Monitor's grains and storage, the cluster-wide alert relay, and Orleans' dashboard.
/// </summary>
internal static class OrleansHosting
{
    /// <summary>Where Orleans' dashboard is served (admin role only).</summary>
    public const string DashboardPath = AccessControl.ApiKeyAuthenticationHandler.OrleansDashboardPath;

    /// <summary>The configuration section Orleans' <see cref="ClusterMembershipOptions"/> bind from, over Monitor's defaults.</summary>
    public const string MembershipSectionName = ClusterHostOptions.SectionName + ":Membership";

    /// <summary>The grain directory cache's capacity in a single-process silo.</summary>
    internal const int SingleSiloDirectoryCacheSize = 1_000;

    /// <summary>Adds the silo to <paramref name="builder"/>.</summary>
    public static void AddOrleansSilo(WebApplicationBuilder builder, MonitorStorageOptions storage)
    {
        var cluster = builder.Configuration.GetSection(ClusterHostOptions.SectionName).Get<ClusterHostOptions>() ?? new ClusterHostOptions();
        if (cluster.Enabled && storage.Provider != StorageProvider.Postgres)
        {
            throw new ArgumentException("Cluster mode needs the postgres storage provider.", SiloHostOptions.StorageProviderKey);
        }

        if (cluster.Enabled)
        {
            // A silo frozen in the middle of a write transaction must not hold row locks for ever: the server ends such a
            // session, so the rest of the cluster is not blocked behind it (its transaction rolls back).
            storage.PostgresConnectionString = new NpgsqlConnectionStringBuilder(storage.PostgresConnectionString)
            {
                Options = "-c idle_in_transaction_session_timeout=5000",
            }.ConnectionString;
            builder.Services.Configure<ClusterAlertRelayOptions>(relay =>
            {
                relay.ConnectionString = storage.PostgresConnectionString;
                relay.ServiceId = storage.ServiceId;
                relay.PollInterval = cluster.AlertPollInterval;
            });
            builder.Services.AddHostedService<ClusterAlertRelay>();
            builder.Services.PostConfigure<AccountGrainOptions>(accounts => accounts.OwnershipCheckInterval ??= TimeSpan.FromSeconds(1));
        }

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = storage.ServiceId;
            });
            if (cluster.Enabled)
            {
                silo.UseAdoNetClustering(options =>
                {
                    options.Invariant = MonitorSiloBuilderExtensions.PostgresInvariant;
                    options.ConnectionString = storage.PostgresConnectionString;
                });
                silo.ConfigureEndpoints(AdvertisedAddress(cluster), RequirePort(cluster.SiloPort), cluster.GatewayPort, listenOnAnyHostAddress: true);
                silo.Configure<ClusterMembershipOptions>(FastFailover);
                silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(MembershipSectionName));
            }
            else
            {
                var siloPort = cluster.SiloPort > 0 ? cluster.SiloPort : FreeLoopbackPort();
                silo.UseLocalhostClustering(siloPort, cluster.GatewayPort, serviceId: storage.ServiceId, clusterId: cluster.ClusterId);

                // The directory cache holds where other silos' grains live: one silo has none to cache. Its size gauge walks
                // a table created for CacheSize entries (1M by default: 8-10 ms a sample with the cache empty), and the
                // dashboard samples it every second: 1-4 % of the silo's CPU during ingest and import (docs/benchmarks.md).
                silo.Configure<GrainDirectoryOptions>(directory => directory.CacheSize = SingleSiloDirectoryCacheSize);
            }

            silo.AddMonitorGrains(storage);
            silo.AddActivityPropagation();
            if (cluster.Dashboard)
            {
                silo.AddDashboard();
            }
        });
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [Api.HealthEndpoints.ReadyTag]);
    }

    /// <summary>Serves Orleans' dashboard under <see cref="DashboardPath"/> to admins.</summary>
    public static void MapOrleansDashboard(WebApplication app)
    {
        if (app.Configuration.GetSection(ClusterHostOptions.SectionName).Get<ClusterHostOptions>() is not { Dashboard: false })
        {
            app.MapGroup(DashboardPath).RequireAuthorization(AccessControl.MonitorPolicies.Admin).MapOrleansDashboard(routePrefix: null);
        }
    }

    /// <summary>
    /// Membership tuned for failover in seconds rather than Orleans' default of about a minute for a hung silo: a silo is
    /// probed every second, declared dead after two missed probes by one voter, and the table is re-read every 5 s.
    /// </summary>
    /// <remarks>
    /// A hung silo (SIGSTOP, a frozen VM) keeps its TCP connections open, and Orleans suppresses every vote against a silo
    /// from which a message arrived within <see cref="ClusterMembershipOptions.MaxProbeTimeout"/> x
    /// <see cref="ClusterMembershipOptions.NumMissedProbesLimit"/> (<see cref="ClusterMembershipOptions.EnableConnectionLivenessCheck"/>,
    /// left on; Orleans 10.4.2 has no separate setting for this window). So that window, not the probes, decides when a hung
    /// silo is declared dead: about a probe period after it. With Orleans' default cap (4 x ProbeTimeout) the window is 8 s
    /// and a frozen silo was declared dead 8.2-10.2 s after the freeze on two shared cores, too late for the 10 s goal end to
    /// end; with 2.5 s it is 5 s and the death came after 5.3-6.5 s (docs/benchmarks.md "Failover").
    /// The same window is what a silo may go silent while it is alive before another declares it dead: a starting silo
    /// stalled that long on an overloaded machine is evicted and exits (docs/runtime.md). A killed silo's connections close,
    /// so the window does not delay its death. The cap also bounds each probe's adaptive timeout.
    /// </remarks>
    internal static void FastFailover(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.MaxProbeTimeout = TimeSpan.FromMilliseconds(2_500);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 1;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
    }

    private static int RequirePort(int port) => port > 0
        ? port
        : throw new ArgumentOutOfRangeException($"{ClusterHostOptions.SectionName}:{nameof(ClusterHostOptions.SiloPort)}", port, "Cluster mode needs an explicit silo port.");

    private static IPAddress AdvertisedAddress(ClusterHostOptions cluster)
    {
        if (string.IsNullOrWhiteSpace(cluster.AdvertisedAddress))
        {
            return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address))
                ?? IPAddress.Loopback;
        }

        return IPAddress.TryParse(cluster.AdvertisedAddress, out var address)
            ? address
            : Dns.GetHostAddresses(cluster.AdvertisedAddress).FirstOrDefault(found => found.AddressFamily == AddressFamily.InterNetwork)
              ?? throw new ArgumentException($"The advertised address '{cluster.AdvertisedAddress}' has no IPv4 address.", $"{ClusterHostOptions.SectionName}:{nameof(ClusterHostOptions.AdvertisedAddress)}");
    }

    // Several single-process silos (tests, a demo beside a server) share one machine: each takes a free port.
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
