using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Monitor.Abstractions.Alerts;

namespace Monitor.Grains.Alerts;

/// <summary>
/// The per-silo path from account grains to the alert hub: episode events from every grain queue here and go to the hub
/// in batches, so the hub takes one call (and one state write) per batch rather than per account.
/// </summary>
/// <remarks>
/// Batches form the way group commits do: while one call to the hub is in flight the next batch fills, so a quiet silo
/// forwards an event at once and a busy one sends large batches, with no timer. A grain's task completes when the hub
/// has accepted (persisted) the batch holding its events; on failure the grain keeps them in its outbox and retries.
/// </remarks>
public sealed class AlertRouter : IAlertPublisher, IAsyncDisposable
{
    private readonly Channel<PendingPublish> _channel = Channel.CreateUnbounded<PendingPublish>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IGrainFactory _grainFactory;
    private readonly int _maxBatchEvents;
    private readonly Task _loop;
    private long _batches;

    /// <summary>Creates the router; it forwards to the hub with key <see cref="AlertChangeFeed.HubKey"/>.</summary>
    public AlertRouter(IGrainFactory grainFactory, IOptions<AlertRouterOptions> options)
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Value.MaxBatchEvents < 1)
        {
            throw new ArgumentOutOfRangeException($"{nameof(options)}.{nameof(AlertRouterOptions.MaxBatchEvents)}", options.Value.MaxBatchEvents, "Must be at least 1.");
        }

        _grainFactory = grainFactory;
        _maxBatchEvents = options.Value.MaxBatchEvents;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Calls made to the hub so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Forwards the events; completes when the hub has accepted them.</summary>
    public Task PublishAsync(IReadOnlyList<EpisodeEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return Task.CompletedTask;
        }

        var pending = new PendingPublish(events);
        if (!_channel.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(AlertRouter), "The alert router has stopped.");
        }

        return pending.Completion.Task;
    }

    /// <summary>Forwards what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        var batch = new List<PendingPublish>();
        var events = new List<EpisodeEvent>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            events.Clear();
            while (events.Count < _maxBatchEvents && reader.TryRead(out var pending))
            {
                batch.Add(pending);
                events.AddRange(pending.Events);
            }

            try
            {
                await _grainFactory.GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey).PublishAsync(events.ToArray()).ConfigureAwait(false);
                Interlocked.Increment(ref _batches);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }
        }
    }

    private sealed class PendingPublish(IReadOnlyList<EpisodeEvent> events)
    {
        public IReadOnlyList<EpisodeEvent> Events { get; } = events;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
