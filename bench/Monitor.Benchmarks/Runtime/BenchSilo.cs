using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitor.Runtime;
using Monitor.Runtime.Configuration;
using Monitor.Runtime.Hosting;
using Monitor.Runtime.Storage;

namespace Monitor.Benchmarks.Runtime;

/// <summary>A started in-process silo with memory storage and the benchmark grains; idle collection effectively off.</summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host)
    {
        _host = host;
    }

    public IGrainFactory Factory => _host.Services.GetRequiredService<IGrainFactory>();

    public IGrainStorage Storage => _host.Services.GetRequiredKeyedService<IGrainStorage>("Default");

    public static async Task<BenchSilo> StartAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMemoryGrainStorage();
        builder.UseMonitorSilo(silo => silo
            .AddGrain<IBenchCounterGrain, BenchCounterGrain>()
            .AddGrain<IBenchStateGrain, BenchStateGrain>()
            .Configure<GrainCollectionOptions>(options => options.CollectionAge = TimeSpan.FromDays(1)));
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
