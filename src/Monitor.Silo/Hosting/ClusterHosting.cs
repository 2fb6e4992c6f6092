using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Monitor.Grains;
using Monitor.Grains.Alerts;
using Monitor.Runtime.Clustering;
using Monitor.Runtime.Hosting;
using Monitor.Runtime.Messaging;
using Npgsql;

namespace Monitor.Silo.Hosting;

/// <summary>Cluster mode in the silo host: Kestrel endpoints (public API and internal HTTP/2), the cluster services, readiness and the internal endpoint.</summary>
internal static class ClusterHosting
{
    /// <summary>Registers cluster mode when <c>Monitor:Cluster:Enabled</c> is set; returns the internal port, or null in single-silo mode.</summary>
    public static int? AddCluster(WebApplicationBuilder builder, MonitorStorageOptions storage, string publicUrls)
    {
        var cluster = builder.Configuration.GetSection(ClusterHostOptions.SectionName).Get<ClusterHostOptions>() ?? new ClusterHostOptions();
        if (!cluster.Enabled)
        {
            return null;
        }

        if (storage.Provider != StorageProvider.Postgres)
        {
            throw new ArgumentException("Cluster mode needs the postgres storage provider.", SiloHostOptions.StorageProviderKey);
        }

        var internalUri = new Uri(cluster.InternalUrls);
        if (internalUri.Port <= 0)
        {
            throw new ArgumentOutOfRangeException($"{ClusterHostOptions.SectionName}:{nameof(ClusterHostOptions.InternalUrls)}", cluster.InternalUrls, "The internal endpoint needs an explicit port.");
        }

        // A silo frozen in the middle of a write transaction must not hold its membership lock for ever: the server
        // ends such a session, so the silo can be declared dead (and its transaction rolls back).
        storage.PostgresConnectionString = new NpgsqlConnectionStringBuilder(storage.PostgresConnectionString)
        {
            Options = "-c idle_in_transaction_session_timeout=5000",
        }.ConnectionString;

        var advertised = string.IsNullOrWhiteSpace(cluster.AdvertisedAddress)
            ? new UriBuilder(internalUri) { Host = IsWildcard(internalUri.Host) ? Dns.GetHostName() : internalUri.Host }.Uri.ToString().TrimEnd('/')
            : cluster.AdvertisedAddress.TrimEnd('/');
        builder.Services.AddMonitorCluster(options =>
        {
            options.ConnectionString = storage.PostgresConnectionString;
            options.ServiceId = storage.ServiceId;
            options.SiloId = cluster.SiloId;
            options.AdvertisedAddress = advertised;
            options.ClusterSecret = cluster.ClusterSecret ?? "";
            options.Partitions = cluster.Partitions;
            options.HeartbeatPeriod = cluster.HeartbeatPeriod;
            options.DeathTimeout = cluster.DeathTimeout;
        });
        builder.Services.Configure<ClusterAlertRelayOptions>(relay =>
        {
            relay.ConnectionString = storage.PostgresConnectionString;
            relay.ServiceId = storage.ServiceId;
            relay.PollInterval = cluster.AlertPollInterval;
        });
        builder.Services.AddHostedService<ClusterAlertRelay>();
        builder.Services.AddHealthChecks().AddCheck<ClusterReadinessCheck>("cluster", tags: [Api.HealthEndpoints.ReadyTag]);

        // Explicit endpoints replace UseUrls: the public ones as configured, the internal one HTTP/2 only (h2c, prior knowledge).
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in publicUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Listen(kestrel, new Uri(url), HttpProtocols.Http1AndHttp2);
            }

            Listen(kestrel, internalUri, HttpProtocols.Http2);
        });
        return internalUri.Port;
    }

    /// <summary>Maps the internal call endpoint, reachable only on the internal port.</summary>
    public static void MapClusterEndpoints(WebApplication app, int internalPort)
    {
        var receiver = app.Services.GetRequiredService<GrainCallReceiver>();
        app.MapPost(GrainCallReceiver.Path, receiver.HandleAsync).RequireHost($"*:{internalPort}").ExcludeFromDescription();
    }

    private static void Listen(KestrelServerOptions kestrel, Uri url, HttpProtocols protocols)
    {
        if (url.Host is "localhost")
        {
            kestrel.ListenLocalhost(url.Port, listen => listen.Protocols = protocols);
        }
        else if (IsWildcard(url.Host))
        {
            kestrel.ListenAnyIP(url.Port, listen => listen.Protocols = protocols);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(url.Host), url.Port, listen => listen.Protocols = protocols);
        }
    }

    private static bool IsWildcard(string host) => host is "0.0.0.0" or "+" or "*" or "[::]" or "::";
}
