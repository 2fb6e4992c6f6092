using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Storage;

namespace Monitor.Benchmarks.Runtime;

/// <summary>
/// A started in-process Orleans silo (localhost clustering on a free port, no gateway) with the benchmark grains and idle
/// collection effectively off. Without <c>configure</c> it has Orleans' memory storage as "Default".
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host)
    {
        _host = host;
    }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Factory => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The grain storage registered under <paramref name="name"/>.</summary>
    public IGrainStorage Storage(string name = "Default") => _host.Services.GetRequiredKeyedService<IGrainStorage>(name);

    /// <param name="configure">Adds storage (and anything else); null adds Orleans' memory storage as "Default".</param>
    public static async Task<BenchSilo> StartAsync(Action<ISiloBuilder>? configure = null)
    {
        // No appsettings, environment or file watchers: the silo is all the process does besides the benchmark.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            // One line per grain turn over 1 s (Orleans' ADO.NET storage on SQLite blocks the scheduler) would drown the
            // results; the advice to use server GC does not apply to a benchmark process.
            .AddFilter("Orleans.Runtime.Scheduler.WorkItemGroup", LogLevel.Error)
            .AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
        var siloPort = FreePort();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, 0);
            silo.Configure<GrainCollectionOptions>(options => options.CollectionAge = TimeSpan.FromDays(1));
            if (configure is null)
            {
                silo.AddMemoryGrainStorageAsDefault();
            }
            else
            {
                configure(silo);
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
