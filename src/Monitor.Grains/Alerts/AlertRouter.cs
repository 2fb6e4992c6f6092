using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Monitor.Abstractions.Alerts;
using Monitor.Core.Alerts;
using Monitor.Grains.Entities;

namespace Monitor.Grains.Alerts;

/// <summary>
/// The per-silo path from account grains to the alert hub: episode events from every grain queue here and go to the hub
/// in batches, so the hub takes one call (and one state write) per batch rather than per account.
/// </summary>
/// <remarks>
/// Batches form the way group commits do: while one call to the hub is in flight the next batch fills, so a quiet silo
/// forwards an event at once and a busy one sends large batches, with no timer. A grain's task completes when the hub
/// has accepted (persisted) the batch holding its events; on failure the grain keeps them in its outbox and retries.
/// With <see cref="AlertHubOptions.HubShards"/> above 1, a batch is split by shard: each event goes to the shard of each
/// of its groups and of its entity (all members of an incident meet in one shard), or of its account when it has none;
/// the shards are called in parallel and the batch is accepted once all have accepted their part.
/// </remarks>
public sealed class AlertRouter : IAlertPublisher, IAsyncDisposable
{
    private readonly Channel<PendingPublish> _channel = Channel.CreateUnbounded<PendingPublish>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IGrainFactory _grainFactory;
    private readonly int _maxBatchEvents;
    private readonly int _shards;
    private readonly Task _loop;
    private long _batches;

    /// <summary>Creates the router; it forwards to the hub with key <see cref="AlertChangeFeed.HubKey"/>.</summary>
    public AlertRouter(IGrainFactory grainFactory, IOptions<AlertRouterOptions> options, IOptions<AlertHubOptions> hubOptions)
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hubOptions);
        if (hubOptions.Value.HubShards < 1)
        {
            throw new ArgumentOutOfRangeException($"{nameof(hubOptions)}.{nameof(AlertHubOptions.HubShards)}", hubOptions.Value.HubShards, "Must be at least 1.");
        }

        _shards = hubOptions.Value.HubShards;
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
                await PublishToShardsAsync(events).ConfigureAwait(false);
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

    private async Task PublishToShardsAsync(List<EpisodeEvent> events)
    {
        if (_shards == 1)
        {
            await _grainFactory.GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey).PublishAsync(events.ToArray()).ConfigureAwait(false);
            return;
        }

        // The entity's incidents are correlated under entity:<id>, in that key's shard: the router must know it too.
        var entities = new EntityLookup(_grainFactory);
        await entities.PrefetchAsync(events.Select(e => e.Episode.Account)).ConfigureAwait(false);
        var byShard = new SortedDictionary<int, List<EpisodeEvent>>();
        foreach (var episodeEvent in events)
        {
            var episode = episodeEvent.Episode;
            var entity = string.IsNullOrEmpty(episode.Account) ? null : await entities.FindAsync(episode.Account).ConfigureAwait(false);
            var keys = AlertLabels.CorrelationKeys(episode with { Entity = entity?.Id });
            foreach (var bucket in AlertHubShards.BucketsOf(keys, string.IsNullOrEmpty(episode.Account) ? episode.Id : episode.Account, _shards))
            {
                if (!byShard.TryGetValue(bucket, out var part))
                {
                    byShard[bucket] = part = [];
                }

                part.Add(episodeEvent);
            }
        }

        await Task.WhenAll(byShard.Select(shard =>
            _grainFactory.GetGrain<IAlertHubGrain>(AlertHubShardKeys.KeyOf(shard.Key, _shards)).PublishAsync(shard.Value.ToArray()))).ConfigureAwait(false);
    }

    private sealed class PendingPublish(IReadOnlyList<EpisodeEvent> events)
    {
        public IReadOnlyList<EpisodeEvent> Events { get; } = events;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
