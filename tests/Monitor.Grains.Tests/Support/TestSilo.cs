using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Grains.Accounts;
using Orleans;
using Orleans.Hosting;
using Orleans.TestingHost;
using Xunit;

namespace Monitor.Grains.Tests.Support;

/// <summary>
/// One real Orleans silo, started in process by Orleans' <see cref="InProcessTestCluster"/> and configured with
/// <see cref="MonitorSiloBuilderExtensions.AddMonitorGrains"/> over the given storage and clock. Tests call grains through
/// the silo's own <see cref="IGrainFactory"/>, as the co-hosted HTTP API does, and reach the silo's services (directory,
/// change feed, log, storage, serializer) through <see cref="Services"/>.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;
    private bool _stopped;

    private TestSilo(InProcessTestCluster cluster)
    {
        _cluster = cluster;
    }

    /// <summary>The silo's service provider.</summary>
    public IServiceProvider Services => _cluster.Silos[0].ServiceProvider;

    /// <summary>The silo's grain factory.</summary>
    public IGrainFactory Grains => Get<IGrainFactory>();

    /// <summary>
    /// Starts a silo over <paramref name="storage"/> whose services (Orleans' included) use <paramref name="time"/> as their
    /// clock; the stall reminder is off unless <paramref name="configure"/> turns it on, and reminder periods down to a
    /// second are allowed. A silo started again on the same SQLite file or PostgreSQL service id finds what the previous
    /// one stored (the cluster's service id is the storage's).
    /// </summary>
    public static async Task<TestSilo> StartAsync(MonitorStorageOptions storage, TimeProvider time, Action<ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(time);
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        // Orleans' ADO.NET reminder table keys rows by the cluster's service id: the storage's, so a restart finds them.
        builder.Options.ServiceId = storage.ServiceId;
        builder.Options.ConfigureFileLogging = false;
        builder.Options.InitializeClientOnDeploy = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMonitorGrains(storage);
            silo.Services.RemoveAll<TimeProvider>();
            silo.Services.AddSingleton(time);
            silo.Services.Configure<AccountGrainOptions>(options => options.StallReminder = false);
            silo.Services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            configure?.Invoke(silo);
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new TestSilo(cluster);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Stops gracefully (grains deactivate and checkpoint) and releases everything.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _cluster.StopAllSilosAsync();
        }

        await _cluster.DisposeAsync();
    }
}
