using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitor.Runtime.Activation;
using Monitor.Runtime.Hosting;
using Monitor.Runtime.Reminders;
using Monitor.Runtime.Storage;
using Monitor.Runtime.Telemetry;

namespace Monitor.Runtime.Tests.Infrastructure;

/// <summary>A started silo in this process with memory storage, a memory reminder table, a <see cref="GrainProbe"/> and a metric recorder.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host)
    {
        _host = host;
        Metrics = new MetricRecorder(Services.GetRequiredService<RuntimeInstruments>().Meter);
    }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Factory => Services.GetRequiredService<IGrainFactory>();

    public GrainProbe Probe => Services.GetRequiredService<GrainProbe>();

    public MetricRecorder Metrics { get; }

    internal Catalog Catalog => Services.GetRequiredService<Catalog>();

    internal ReminderService Reminders => Services.GetRequiredService<ReminderService>();

    public static async Task<TestSilo> StartAsync(Action<SiloOptionsBuilder>? configure = null, TimeProvider? timeProvider = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.AddSingleton<GrainProbe>();
        builder.Services.AddMemoryGrainStorage();
        builder.Services.UseMemoryReminderTable();
        builder.UseMonitorSilo(silo => configure?.Invoke(silo));
        var host = builder.Build();
        var silo = new TestSilo(host);
        await host.StartAsync();
        return silo;
    }

    public T Grain<T>(string key)
        where T : IGrainWithStringKey => Factory.GetGrain<T>(key);

    /// <summary>Stops the host gracefully (deactivating every activation).</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Metrics.Dispose();
        _host.Dispose();
    }
}
