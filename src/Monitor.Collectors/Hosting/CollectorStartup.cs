using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Collectors.Scheduling;
using Orleans;

namespace Monitor.Collectors.Hosting;

/// <summary>Once the host has started, makes each platform's collector register (or remove) its reminder.</summary>
internal sealed class CollectorStartup(
    IHostApplicationLifetime lifetime,
    IGrainFactory grains,
    IOptions<CollectorOptions> options,
    ILogger<CollectorStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = StartCollectorsAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task StartCollectorsAsync()
    {
        foreach (var platform in Enum.GetValues<Platform>())
        {
            try
            {
                var polled = await grains.GetGrain<IPlatformCollectorGrain>(platform.ToWireName()).StartAsync().ConfigureAwait(false);
                if (polled)
                {
                    logger.LogInformation("Collector {Platform} polls every {Tick}.", platform, options.Value.TickPeriod);
                }
                else if (options.Value.Enabled && options.Value.For(platform).Enabled && !options.Value.For(platform).HasCredential(platform))
                {
                    logger.LogInformation("Collector {Platform} is off: no credential configured.", platform);
                }
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Collector {Platform} could not start.", platform);
            }
        }
    }
}
