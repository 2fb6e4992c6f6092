using System.Diagnostics;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;

namespace Monitor.Telemetry;

/// <summary>Counts alert changes by change and kind, and records detection latency of opened alerts, from the live change feed.</summary>
public sealed class AlertChangeMetrics(IAlertChangeFeed feed, ServiceInstruments instruments, TimeProvider time, ILogger<AlertChangeMetrics> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in feed.SubscribeAsync(null, stoppingToken))
            {
                instruments.AlertChanges.Add(1, new TagList { { "change", change.Change }, { "kind", change.Alert.Kind } });
                if (change.Change == AlertChangeNames.Opened)
                {
                    var latency = time.GetUtcNow() - change.Alert.Start;
                    instruments.DetectionLatency.Record(Math.Max(0, latency.TotalSeconds), new TagList { { "kind", change.Alert.Kind } });
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Alert change metrics stopped");
        }
    }
}
