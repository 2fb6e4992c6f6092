using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitor.Grains.Accounts;
using Monitor.Runtime;
using Xunit;

namespace Monitor.Grains.Tests.Support;

/// <summary>A real silo built with <see cref="MonitorGrainsServiceCollectionExtensions.AddMonitorGrains"/>, started in process.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host)
    {
        _host = host;
    }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<TestSilo> StartAsync(MonitorStorageOptions storage, TimeProvider time, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(time);
        builder.Services.AddLogging();
        builder.Services.AddMonitorGrains(storage);
        builder.Services.Configure<AccountGrainOptions>(options => options.StallReminder = false);
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new TestSilo(host);
    }

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Stops gracefully (grains deactivate and checkpoint) and releases everything.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
