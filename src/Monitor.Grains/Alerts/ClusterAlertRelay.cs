using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitor.Abstractions.Alerts;
using Npgsql;

namespace Monitor.Grains.Alerts;

/// <summary>
/// Cluster mode: brings the alert changes of a hub activated on another silo to this silo's <see cref="AlertChangeFeed"/>.
/// It LISTENs on <see cref="Channel"/> (notified by the database when changes are appended to the alert store's log) and, on each notification
/// or every <see cref="ClusterAlertRelayOptions.PollInterval"/>, reads the changes after its cursor from the hub with a
/// grain call and publishes them locally. The hub's sequences are consecutive and the cursor only moves past what was
/// published, so nothing is skipped; subscribers drop sequences they have already seen, so nothing arrives twice.
/// </summary>
public sealed partial class ClusterAlertRelay : BackgroundService
{
    /// <summary>The notification channel that commits appending to the change log notify (deploy/sql/postgres/1201_alert_store.sql).</summary>
    public const string Channel = "monitor_alert_changes";

    private const int PageSize = 1_000;

    private readonly AlertChangeFeed _feed;
    private readonly IGrainFactory _grains;
    private readonly ClusterAlertRelayOptions _options;
    private readonly ILogger<ClusterAlertRelay> _logger;

    // -1 until the relay first reached the hub; then the sequence of the last change published here.
    private long _cursor = -1;
    private int _notified;
    private TimeSpan _reconnectDelay;

    /// <summary>Creates the relay; it starts listening when the host starts it.</summary>
    public ClusterAlertRelay(AlertChangeFeed feed, IGrainFactory grains, IOptions<ClusterAlertRelayOptions> options, ILogger<ClusterAlertRelay> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _feed = feed;
        _grains = grains;
        _options = options.Value;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _reconnectDelay = _options.ReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database or the hub is unreachable (a restart, the hub's partition moving): listen again shortly;
                // the catch-up read after reconnecting delivers whatever committed meanwhile.
                LogRelayFailed(exception, _reconnectDelay.TotalMilliseconds);
                await Task.Delay(_reconnectDelay, stoppingToken).ConfigureAwait(false);
                _reconnectDelay = TimeSpan.FromTicks(Math.Min(_reconnectDelay.Ticks * 2, _options.ReconnectDelay.Ticks * 10));
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(_options.ConnectionString);
        await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
        connection.Notification += (_, notification) =>
        {
            if (notification.Payload == _options.ServiceId)
            {
                Interlocked.Exchange(ref _notified, 1);
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
        }

        var hub = _grains.GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey);
        if (_cursor < 0)
        {
            // Live subscribers want what happens from now on; resuming ones read older changes from the hub themselves.
            _cursor = await hub.GetLastSequenceAsync().ConfigureAwait(false);
        }

        _reconnectDelay = _options.ReconnectDelay;
        LogListening(_cursor);
        while (true)
        {
            Interlocked.Exchange(ref _notified, 0);
            await RelayAsync(hub).ConfigureAwait(false);

            // A notification that arrived while reading is kept by Npgsql and ends the wait at once.
            if (Volatile.Read(ref _notified) == 0)
            {
                await connection.WaitAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RelayAsync(IAlertHubGrain hub)
    {
        var started = Stopwatch.GetTimestamp();
        var relayed = 0;
        while (true)
        {
            var page = await hub.ReadChangesAsync(_cursor, PageSize).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            _feed.Publish(page);
            relayed += page.Count;
            _cursor = page[^1].Sequence;
            if (page.Count < PageSize)
            {
                break;
            }
        }

        if (relayed > 0)
        {
            LogRelayed(relayed, _cursor, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert relay listening on " + Channel + " from sequence {Sequence}")]
    private partial void LogListening(long sequence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert relay published {Count} changes up to sequence {Sequence} in {Milliseconds:F1} ms")]
    private partial void LogRelayed(int count, long sequence, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert relay lost its connection or could not reach the hub; listening again in {Milliseconds} ms")]
    private partial void LogRelayFailed(Exception exception, double milliseconds);
}
