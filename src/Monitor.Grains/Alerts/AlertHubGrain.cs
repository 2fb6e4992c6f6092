using System.Diagnostics;
using Microsoft.Extensions.Options;
using Monitor.Abstractions.Alerts;
using Monitor.Core.Alerts;
using Monitor.Grains.Alerts.Store;
using Monitor.Grains.Entities;

namespace Monitor.Grains.Alerts;

/// <summary>
/// The alert hub (key <see cref="AlertChangeFeed.HubKey"/>, and its shards <see cref="AlertHubShardKeys"/>): one alert per episode id, acknowledgements, silences,
/// domain inhibition, incidents across group members, and the ordered change log that live streams resume from.
/// </summary>
/// <remarks>
/// Everything lives in the alert store's tables (<see cref="IAlertStore"/>); the hub keeps only the last sequence and the
/// silences in memory. A call reads the rows it needs (the alert, the alerts of its group and kind near it in time, the
/// incident they form), and writes what changed in one transaction, so its cost follows the changes, not the alerts kept.
/// Only after the commit are the changes pushed to the live feed. With <see cref="AlertHubOptions.HubShards"/> above 1,
/// publishes go to shard activations, each correlating the groups of its bucket; every activation commits through the
/// store's sequenced commit (<see cref="IAlertStore.CommitInSequenceAsync"/>), which numbers the changes in commit order
/// and refuses a commit another activation made stale, which is then computed again.
/// <para>
/// Operator actions (acknowledge, resolve, silences) are <c>[AlwaysInterleave]</c>: they run between the awaits of a
/// publish in progress instead of queueing behind the whole batch. Every commit (and the pruner) holds the commit gate
/// (<see cref="HubCommits"/>). An acknowledgement or a resolve reads its alert before it waits for the gate (while a
/// publish may be committing) and reads it again under the gate only if a commit since wrote it, so what it writes is
/// never based on a stale copy; sequences are given at commit time, in commit order, so the log stays consecutive. A
/// publish computes its batch without the gate and commits under it, unless an operator action committed meanwhile over
/// an alert the publish read or wrote (or changed the silences): then it computes the batch again holding the gate, so an
/// acknowledgement is never overwritten by a stale copy. A silence change reads the unresolved
/// alerts before it takes the gate (<see cref="HubSilenceChanges"/>). Reads of the store (queries, an alert, the change
/// log for a stream's backlog, the last sequence) interleave too: they see committed transactions only.
/// </para>
/// </remarks>
[GrainType("alert-hub")]
public sealed partial class AlertHubGrain : Grain, IAlertHubGrain
{
    private readonly IPersistentState<AlertHubState> _legacy;
    private readonly IAlertStore _store;
    private readonly TimeProvider _time;
    private readonly AlertHubOptions _options;
    private readonly ILogger<AlertHubGrain> _logger;
    private readonly HubSilences _silences = new();
    private readonly EpisodeApplier _applier;
    private readonly HubCommits _commits;
    private readonly HubSilenceChanges _silenceChanges;

    public AlertHubGrain(
        [PersistentState("alert-hub", StorageServiceCollectionExtensions.DefaultProviderName)] IPersistentState<AlertHubState> legacy,
        IAlertStore store,
        AlertChangeFeed feed,
        TimeProvider time,
        IOptions<AlertHubOptions> options,
        IGrainFactory grains,
        ILogger<AlertHubGrain> logger)
    {
        _legacy = legacy;
        _store = store;
        _time = time;
        _options = options.Value;
        _logger = logger;
        var key = this.GetPrimaryKeyString();
        var shards = _options.HubShards;
        var correlator = new IncidentCorrelator(_options.CorrelationWindow, correlationKey => AlertHubShardKeys.Owns(key, correlationKey, shards));
        _applier = new EpisodeApplier(correlator, _silences, new AlertCorroborator(grains), _options.CorrelationWindow, sharded: shards > 1);
        _commits = new HubCommits(store, feed, () => LoadAsync(CancellationToken.None), () => _silences.Fingerprint, sharded: shards > 1);
        _silenceChanges = new HubSilenceChanges(store, _silences, _commits);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ImportLegacyStateAsync(cancellationToken);
        await LoadAsync(cancellationToken);
        if (this.GetPrimaryKeyString() == AlertChangeFeed.HubKey)
        {
            // One pruner per service: the operator hub's (the shards only publish). Not interleaving, as PruneAsync: a
            // single hub's publish commits without a stale check, so a prune must not run between its reads and its commit.
            this.RegisterGrainTimer(_ => PruneAsync(), new GrainTimerCreationOptions(_options.PruneInterval, _options.PruneInterval) { KeepAlive = false, Interleave = false });
        }
    }

    /// <inheritdoc />
    public async Task PublishAsync(IReadOnlyList<EpisodeEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        for (var i = 0; i < events.Count; i++)
        {
            EpisodeEventValidation.Validate(events[i], i);
        }

        var started = Stopwatch.GetTimestamp();
        _commits.BeginPublish();
        var session = await ApplyAsync(events);
        await _commits.EnterAsync("publish");
        try
        {
            if (_commits.OperatorsChanged(session))
            {
                session = await ApplyAsync(events);
            }

            // Another hub activation (a shard, the operator hub) may commit over what the batch read: compute it again.
            while (!await _commits.CommitAsync(session, "publish"))
            {
                session = await ApplyAsync(events);
            }
        }
        finally
        {
            _commits.Exit();
        }

        AlertStoreInstruments.PublishDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <inheritdoc />
    public Task<AlertPage> QueryAsync(AlertQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > 1_000)
        {
            throw new ArgumentOutOfRangeException($"{nameof(query)}.{nameof(query.Limit)}", query.Limit, "The page size must be between 1 and 1000.");
        }

        return _store.QueryAsync(query, CancellationToken.None);
    }

    /// <inheritdoc />
    public async Task<AlertView?> GetAsync(string alertId)
    {
        ArgumentException.ThrowIfNullOrEmpty(alertId);
        return (await _store.GetAlertsAsync([alertId], CancellationToken.None)).SingleOrDefault();
    }

    /// <inheritdoc />
    public Task<AlertView?> AcknowledgeAsync(string alertId, string? by) =>
        // Acknowledging is idempotent, and a resolved alert stays resolved. A single hub on PostgreSQL does it in one round trip.
        _options.HubShards == 1 && _store is IOneStatementAcknowledgement statement && !string.IsNullOrEmpty(alertId)
            ? _commits.AcknowledgeAsync(statement, alertId, by, _time)
            : SetStatusAsync(alertId, AlertStatuses.Acknowledged, AlertChangeNames.Acknowledged, alert => alert.Status == AlertStatuses.Open, alert => by);

    /// <inheritdoc />
    public Task<AlertView?> ResolveAsync(string alertId, string? by) =>
        SetStatusAsync(alertId, AlertStatuses.Resolved, AlertChangeNames.Resolved,
            alert => alert.Status != AlertStatuses.Resolved, alert => alert.AcknowledgedBy ?? by);

    /// <inheritdoc />
    public async Task<Silence> AddSilenceAsync(Silence silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        var now = _time.GetUtcNow();
        if (silence.ExpiresAt <= now)
        {
            throw new ArgumentOutOfRangeException($"{nameof(silence)}.{nameof(silence.ExpiresAt)}", silence.ExpiresAt, $"A silence must expire in the future (now is {now:O}).");
        }

        if (silence.StartsAt is { } startsAt && startsAt >= silence.ExpiresAt)
        {
            throw new ArgumentOutOfRangeException($"{nameof(silence)}.{nameof(silence.StartsAt)}", startsAt, "A silence must start before it expires.");
        }

        var rule = new SilenceRule(silence with
        {
            Id = string.IsNullOrWhiteSpace(silence.Id) ? $"silence-{Guid.NewGuid():N}" : silence.Id,
            CreatedAt = silence.CreatedAt == default ? now : silence.CreatedAt,
        });
        if (!rule.HasMatchers)
        {
            throw new ArgumentException("A silence needs at least one matcher (account, group, platform, kind or severity); none was given.", nameof(silence));
        }

        await _silenceChanges.ChangeAsync(() => rule, now);
        return rule.Silence;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveSilenceAsync(string silenceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(silenceId);
        var now = _time.GetUtcNow();
        // Removing expires the silence now: it stays in the history, as Alertmanager's expired silences do.
        var expired = await _silenceChanges.ChangeAsync(
            () => _silences.Find(silenceId) is { } rule && rule.Silence.ExpiresAt > now ? new SilenceRule(rule.Silence with { ExpiresAt = now }) : null,
            now);
        return expired is not null;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Silence>> ListSilencesAsync() => Task.FromResult(_silences.Active(_time.GetUtcNow()));

    /// <inheritdoc />
    public Task<IReadOnlyList<Silence>> ListSilenceHistoryAsync() => Task.FromResult(_silences.History());

    /// <inheritdoc />
    public Task<IReadOnlyList<Incident>> ListIncidentsAsync() => _store.ListIncidentsAsync(CancellationToken.None);

    /// <inheritdoc />
    public Task<IReadOnlyList<AlertChange>> ReadChangesAsync(long afterSequence, int max)
    {
        if (max < 1 || max > _options.MaxChangesPerRead)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"Must be between 1 and {_options.MaxChangesPerRead}.");
        }

        return _store.ReadChangesAsync(afterSequence, max, CancellationToken.None);
    }

    /// <inheritdoc />
    public Task<long> GetLastSequenceAsync() => _options.HubShards > 1
        // From the store: hub shards commit too, so this activation's own count may be behind.
        ? _store.GetLastSequenceAsync(CancellationToken.None)
        : Task.FromResult(_commits.LastSequence);

    /// <inheritdoc />
    public async Task<int> PruneAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var now = _time.GetUtcNow();
        int removed;
        await _commits.EnterAsync("prune");
        try
        {
            removed = await _store.PruneAsync(
                new AlertRetention(now - _options.MaxEpisodeAge, _options.MaxAlerts, now - _options.ChangeLogRetention, _options.ChangeLogCapacity),
                CancellationToken.None);
            _commits.Prunes = await _store.GetPrunesAsync(CancellationToken.None);
        }
        finally
        {
            _commits.Forget();
            _commits.Exit();
        }

        AlertStoreInstruments.Pruned.Add(removed);
        AlertStoreInstruments.PruneDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (removed > 0)
        {
            LogPruned(removed);
        }

        return removed;
    }

    private AlertHubSession NewSession() => new(_store, _commits.LastSequence, CancellationToken.None) { Prunes = _commits.Prunes };

    /// <summary>Applies the events to a new session (read what they touch, compute the writes), without committing.</summary>
    private async Task<AlertHubSession> ApplyAsync(IReadOnlyList<EpisodeEvent> events)
    {
        var now = _time.GetUtcNow();
        var session = NewSession();
        var entities = await _applier.PrefetchAsync(session, events);
        foreach (var episodeEvent in events)
        {
            await _applier.ApplyAsync(session, entities, episodeEvent, now);
        }

        return session;
    }

    private async Task<AlertView?> SetStatusAsync(string alertId, string status, string change, Func<AlertView, bool> applies, Func<AlertView, string?> by)
    {
        ArgumentException.ThrowIfNullOrEmpty(alertId);
        var readAt = _commits.Count;
        var started = Stopwatch.GetTimestamp();
        var session = NewSession();
        await session.PrefetchAsync([alertId]);
        AlertStoreInstruments.RecordPhase(change, "read", started);
        await _commits.EnterAsync(change);
        try
        {
            if (_commits.WroteSince(readAt, alertId))
            {
                session = NewSession();
            }

            while (true)
            {
                var alert = await session.GetAsync(alertId);
                if (alert is null || !applies(alert))
                {
                    return alert;
                }

                alert = alert with { Status = status, AcknowledgedBy = by(alert), UpdatedAt = _time.GetUtcNow() };
                session.Put(alert);
                session.Record(change, alert);
                if (status == AlertStatuses.Resolved && AlertInhibition.Inhibits(alert.Kind))
                {
                    await HubInhibition.ReleaseInhibitedAsync(session, alert, alert.UpdatedAt!.Value);
                }

                if (await _commits.CommitOperatorActionAsync(session, change))
                {
                    return alert;
                }

                // A hub shard committed over the alert (or what it releases) meanwhile: read it again.
                session = NewSession();
            }
        }
        finally
        {
            _commits.Exit();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        _commits.Prunes = await _store.GetPrunesAsync(cancellationToken);
        _commits.LastSequence = await _store.GetLastSequenceAsync(cancellationToken);
        _commits.Forget();
        _silences.Load(await _store.ListSilencesAsync(cancellationToken));
    }

    /// <summary>Moves the hub state an older release kept as one grain-state row into the tables, once.</summary>
    private async Task ImportLegacyStateAsync(CancellationToken cancellationToken)
    {
        if (!_legacy.RecordExists)
        {
            return;
        }

        var legacy = _legacy.State;
        if (await _store.GetLastSequenceAsync(cancellationToken) == 0 && await _store.CountAlertsAsync(cancellationToken) == 0)
        {
            var writes = LegacyHubStateImport.ToWrites(legacy);
            await _store.CommitAsync(writes, cancellationToken);
            LogImported(legacy.Alerts.Count, legacy.Silences.Count, legacy.Changes.Count);
        }

        await _legacy.ClearStateAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert retention removed {Count} alerts")]
    private partial void LogPruned(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved the alert hub's state into the alert store: {Alerts} alerts, {Silences} silences, {Changes} changes")]
    private partial void LogImported(int alerts, int silences, int changes);
}
