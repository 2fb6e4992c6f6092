using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Core.Accounts;
using Monitor.Core.Collection;
using Monitor.Grains.Alerts;
using Monitor.Grains.Directories;
using Monitor.Grains.Observations;
using Monitor.Storage;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Monitor.Grains.Accounts;

/// <summary>
/// One monitored account (key <c>platform:id</c>), a thin shell over the domain model: it makes each batch durable in the
/// observation log before acknowledging it, checkpoints history and detector state now and then, and sends episode
/// changes to the alert hub through an outbox so none is lost.
/// </summary>
/// <remarks>
/// Recovery: activation restores the checkpoint, then replays the log rows written after it, one row at a time in
/// sequence order, which feeds the detector exactly what it saw live. Episode ids are deterministic, so events produced
/// again by a replay are harmless at the hub. Stalls are checked by a reminder (period
/// <see cref="AccountGrainOptions.StallCheckPeriod"/>) because a silent account receives no calls; a tick costs an
/// activation at most and an O(1) check.
/// </remarks>
[GrainType("account")]
public sealed class AccountGrain : Grain, IAccountGrain, IRemindable
{
    /// <summary>The name of the reminder that checks for stalls.</summary>
    public const string StallReminderName = "stall";

    private const string StateName = "account";

    private readonly IPersistentState<AccountState> _state;
    private readonly IObservationLog _log;
    private readonly AlertRouter _router;
    private readonly IAccountDirectory _directory;
    private readonly TimeProvider _time;
    private readonly AccountGrainOptions _options;
    private readonly ILogger _logger;
    private AccountModel? _model;
    private Task? _restoring;
    private long _foldedSeq;

    // Log rows folded into the model since the checkpoint (replayed or appended), and the oldest timestamp a replay from
    // that checkpoint reads: a checkpoint first checks the log holds no more rows than that (see CheckpointAsync).
    private long _rowsSinceCheckpoint;
    private DateTimeOffset _checkpointNotBefore;
    private int _batchesSinceCheckpoint;
    private int _checkpoints;
    private int _checkpointAfterBatches;
    private DateTimeOffset _lastCheckpoint;
    private DateTimeOffset _lastDirectoryRefresh = DateTimeOffset.MinValue;
    private IGrainTimer? _directoryTimer;

    // The checkpoint's serialised history and detector are as large as the model built from them, and needed only while a
    // checkpoint is written or the model rebuilt: an activation drops them once it has done either (true), and a rebuild
    // reads them back from storage.
    private bool _checkpointBytesDropped;

    // When this activation last found the stored checkpoint's ETag to be its own (a monotonic timestamp taken before the
    // read); see ConfirmOwnershipAsync.
    private long _ownershipConfirmedAt;

    public AccountGrain(
        [PersistentState(StateName, StorageServiceCollectionExtensions.DefaultProviderName)] IPersistentState<AccountState> state,
        IObservationLog log,
        AlertRouter router,
        IAccountDirectory directory,
        TimeProvider time,
        IOptions<AccountGrainOptions> options,
        ILogger<AccountGrain> logger)
    {
        _state = state;
        _log = log;
        _router = router;
        _directory = directory;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    private AccountState State => _state.State;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Configured)
        {
            await RestoreAsync(cancellationToken);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_directoryTimer is not null)
        {
            await FlushDirectoryAsync(cancellationToken);
        }

        if (State.Configured && _model is not null && (_batchesSinceCheckpoint > 0 || State.Outbox.Count > 0))
        {
            await CheckpointAsync();
        }
    }

    /// <inheritdoc />
    public async Task<RecordResult> RecordAsync(IReadOnlyList<ObservationInput> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (observations.Count == 0)
        {
            return RecordResult.Empty;
        }

        if (!State.Configured)
        {
            return new RecordResult(0, 0, observations
                .Select((input, index) => new RejectedObservation(index, input?.Account, "account", $"unknown account: '{Key}' is not configured"))
                .ToList());
        }

        var model = await GetModelAsync();
        await ConfirmOwnershipAsync();
        var outcome = model.Append(Key, observations, _time.GetUtcNow());
        if (outcome.Added.Count > 0)
        {
            try
            {
                var seq = await _log.AppendAsync(outcome.Added);
                _foldedSeq = Math.Max(_foldedSeq, seq);
                _rowsSinceCheckpoint += outcome.Added.Count;
            }
            catch
            {
                // The points are in memory but not durable: drop the in-memory model so the next call rebuilds it from
                // the checkpoint and the log, and the caller's retry stores them.
                _model = null;
                throw;
            }

            AddToOutbox(model.Observe(outcome.Added, outcome.Resolution));
            _batchesSinceCheckpoint++;
            try
            {
                await AfterChangeAsync(model);
            }
            catch (InconsistentStateException)
            {
                // The points are durable in the log (acknowledged), and the activation whose checkpoint won folds them in
                // (CheckpointAsync); this one has stepped down.
                _logger.LogWarning("Account {Account}: another activation checkpointed first; this one deactivates after storing the batch.", Key);
            }
        }

        var (duplicates, rejected) = await SettleTooOldAsync(observations, outcome);
        return new RecordResult(outcome.Added.Count, duplicates, rejected);
    }

    /// <inheritdoc />
    public async Task<AccountSummary?> GetSummaryAsync()
    {
        if (!State.Configured)
        {
            return null;
        }

        var model = await GetModelAsync();
        return Summarize(model);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryPoint>> GetHistoryAsync(DateTimeOffset from, DateTimeOffset to, HistoryResolution resolution)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The end of the range must not be before its start ({from:O}).");
        }

        if (!Enum.IsDefined(resolution))
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Must be raw, hour or day.");
        }

        if (!State.Configured)
        {
            return [];
        }

        var model = await GetModelAsync();
        return model.Query(from, to, resolution);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryPoint>> ReadDailyHistoryAsync(DateTimeOffset from, DateTimeOffset to) =>
        GetHistoryAsync(from, to, HistoryResolution.Day);

    /// <inheritdoc />
    public async Task<AccountSummary> ConfigureAsync(AccountProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var settingsProfile = profile with { Groups = Normalize(profile.Groups), Tags = Normalize(profile.Tags) };
        AccountModel.ValidateOverrides(settingsProfile.Detector);
        var model = State.Configured ? await GetModelAsync() : AccountModel.Create(Key, settingsProfile);
        model.Reconfigure(settingsProfile);
        var wasConfigured = State.Configured;
        State.Profile = settingsProfile;
        State.Configured = true;
        _model = model;
        await CheckpointAsync();
        if (!wasConfigured && _options.StallReminder)
        {
            await this.RegisterOrUpdateReminder(StallReminderName, _options.StallCheckPeriod, _options.StallCheckPeriod);
        }

        var summary = Summarize(model);
        await _directory.UpsertAsync(summary);
        return summary;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync()
    {
        if (!State.Configured && !_state.RecordExists)
        {
            return false;
        }

        if (await this.GetReminder(StallReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _directoryTimer?.Dispose();
        _directoryTimer = null;
        await _log.DeleteAccountAsync(Key);
        await _directory.RemoveAsync(Key);
        await _state.ClearStateAsync();
        _model = null;
        _foldedSeq = 0;
        _rowsSinceCheckpoint = 0;
        _batchesSinceCheckpoint = 0;
        this.DeactivateOnIdle();
        return true;
    }

    /// <inheritdoc />
    public async Task RecordPollOutcomeAsync(PollOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (!State.Configured)
        {
            return;
        }

        var model = await GetModelAsync();
        var collection = State.Collection ??= new AccountCollectionState();
        var health = new CollectionHealth(AccountKey.Parse(Key), _options.StallAfterFailedPolls, collection.ConsecutiveFailures,
            collection.FailingSince, collection.UnavailableSince, collection.StalledSince);
        var result = outcome.Status switch
        {
            PollStatus.Ok => CollectionResult.Ok,
            PollStatus.NotFound or PollStatus.Suspended or PollStatus.Hidden => CollectionResult.Unavailable,
            _ => CollectionResult.Failed,
        };
        var reason = outcome.Reason ?? outcome.Status.ToString().ToLowerInvariant();
        var events = model.ToEvents(health.Record(result, outcome.At, model.LatestFollowers), reason);
        collection.ConsecutiveFailures = health.ConsecutiveFailures;
        collection.FailingSince = health.FailingSince;
        collection.UnavailableSince = health.UnavailableSince;
        collection.StalledSince = health.StalledSince;
        foreach (var episodeEvent in events)
        {
            collection.OpenAlerts.RemoveAll(open => open.Id == episodeEvent.Episode.Id);
            if (episodeEvent.Change != AlertChangeNames.Resolved)
            {
                collection.OpenAlerts.Add(episodeEvent.Episode);
            }
        }

        var previous = collection.Status;
        var renames = previous?.Renames ?? [];
        var knownHandle = State.Profile.Handle;
        if (outcome.Handle is { Length: > 0 } seen && knownHandle is { Length: > 0 } && !string.Equals(seen.TrimStart('@'), knownHandle.TrimStart('@'), StringComparison.OrdinalIgnoreCase))
        {
            // Same id, new handle: a rename of this account, not a new one.
            renames = [.. renames, new HandleChange(knownHandle, seen, outcome.At)];
            State.Profile = State.Profile with { Handle = seen };
        }

        collection.Status = new CollectionStatus(
            outcome.At,
            outcome.Status,
            outcome.Status == PollStatus.Ok ? null : reason,
            outcome.Status == PollStatus.Ok ? outcome.At : previous?.LastSuccessAt,
            health.ConsecutiveFailures,
            outcome.FollowersPrecision ?? previous?.FollowersPrecision,
            renames,
            outcome.Likes ?? previous?.Likes);
        AddToOutbox(events);
        await CheckpointAsync();
        if (State.Outbox.Count > 0)
        {
            await PublishOutboxAsync();
        }

        await UpdateDirectoryAsync(Summarize(model));
    }

    /// <summary>The stall check: asks the detector whether data is overdue and retries an unsent outbox.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != StallReminderName || !State.Configured)
        {
            return;
        }

        var model = await GetModelAsync();
        var changes = model.CheckStall(_time.GetUtcNow());
        if (changes.Count > 0 || State.Outbox.Count > 0)
        {
            AddToOutbox(changes);
            await AfterChangeAsync(model);
        }
    }

    // A point older than the history's out-of-order window is a re-send if the log holds it (a retried import), else a rejection.
    private async Task<(int Duplicates, IReadOnlyList<RejectedObservation> Rejected)> SettleTooOldAsync(IReadOnlyList<ObservationInput> observations, AppendOutcome outcome)
    {
        if (outcome.TooOld.Count == 0)
        {
            return (outcome.Duplicates, outcome.Rejected);
        }

        IReadOnlySet<DateTimeOffset> stored;
        try
        {
            stored = await _log.FindStoredAsync(Key, [.. outcome.TooOld.Select(r => AccountModel.ToSeconds(observations[r.Index].Timestamp))]);
        }
        catch (Exception ex)
        {
            // Unverifiable: report them as too old (true either way); the new points of the batch are already stored.
            _logger.LogWarning(ex, "Account {Account} could not look up {Count} points older than its window.", Key, outcome.TooOld.Count);
            stored = new HashSet<DateTimeOffset>();
        }

        var stillRejected = outcome.TooOld.Where(r => !stored.Contains(AccountModel.ToSeconds(observations[r.Index].Timestamp))).ToList();
        var rejected = outcome.Rejected.Concat(stillRejected).OrderBy(r => r.Index).ToList();
        return (outcome.Duplicates + outcome.TooOld.Count - stillRejected.Count, rejected);
    }

    private AccountSummary Summarize(AccountModel model)
    {
        var summary = model.Summarize(Key, State.Profile);
        return State.Collection is not { } collection
            ? summary
            : summary with { Collection = collection.Status, OpenEpisodes = [.. summary.OpenEpisodes, .. collection.OpenAlerts] };
    }

    private static List<string>? Normalize(IReadOnlyList<string>? values) =>
        values?.Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value.Trim()).Distinct(StringComparer.Ordinal).ToList();

    private async Task<AccountModel> GetModelAsync()
    {
        if (_model is null)
        {
            // Interleaved reads (ReadDailyHistoryAsync) share one restore instead of starting a second.
            var restoring = _restoring ??= RestoreAsync(CancellationToken.None);
            try
            {
                await restoring;
            }
            finally
            {
                if (ReferenceEquals(_restoring, restoring))
                {
                    _restoring = null;
                }
            }
        }

        return _model!;
    }

    private async Task RestoreAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await CheckpointBytesAsync();
        var model = AccountModel.Restore(Key, State.Profile, checkpoint.History, checkpoint.Detector);
        DropCheckpointBytes();
        _foldedSeq = State.CheckpointSeq;
        _checkpointNotBefore = model.ReplayNotBefore;
        var replayed = 0;
        var events = new List<EpisodeEvent>();
        await foreach (var row in _log.ReadAfterAsync(Key, State.CheckpointSeq, model.ReplayNotBefore, cancellationToken))
        {
            events.AddRange(model.Replay(row));
            _foldedSeq = Math.Max(_foldedSeq, row.Seq);
            replayed++;
        }

        _model = model;
        _rowsSinceCheckpoint = replayed;
        AddToOutbox(events);
        _lastCheckpoint = _time.GetUtcNow();
        _checkpointAfterBatches = CheckpointSpacing.Next(Key, _checkpoints, _options.CheckpointEveryBatches);
        if (replayed > 0 || _options.OwnershipCheckInterval is not null)
        {
            // With ownership checks on (cluster mode), a new activation always writes its checkpoint: the new ETag is what
            // tells an older activation of this account, on a silo declared dead, that it no longer owns the account.
            _logger.LogDebug("Account {Account} replayed {Rows} log rows after checkpoint {Seq}.", Key, replayed, State.CheckpointSeq);
            _ownershipConfirmedAt = _time.GetTimestamp();
            await CheckpointAsync(replayedFromLog: true);
        }

        if (State.Outbox.Count > 0)
        {
            await PublishOutboxAsync();
        }
    }

    private async Task AfterChangeAsync(AccountModel model)
    {
        var now = _time.GetUtcNow();
        if (State.Outbox.Count > 0 || _batchesSinceCheckpoint >= _checkpointAfterBatches || now - _lastCheckpoint >= _options.CheckpointInterval)
        {
            await CheckpointAsync();
        }

        if (State.Outbox.Count > 0)
        {
            await PublishOutboxAsync();
        }

        RefreshDirectory();
    }

    // The directory is an index, refreshed in the background and coalesced across accounts. A summary scans the history
    // tiers, so a busy account refreshes its row at most once per interval, with a trailing refresh for the last batch.
    private void RefreshDirectory()
    {
        var now = _time.GetUtcNow();
        var due = _lastDirectoryRefresh + _options.DirectoryRefreshInterval;
        if (now >= due)
        {
            PublishSummary();
            return;
        }

        _directoryTimer ??= this.RegisterGrainTimer(FlushDirectoryAsync, due - now, Timeout.InfiniteTimeSpan);
    }

    private Task FlushDirectoryAsync(CancellationToken cancellationToken)
    {
        _directoryTimer?.Dispose();
        _directoryTimer = null;
        if (State.Configured && _model is not null)
        {
            PublishSummary();
        }

        return Task.CompletedTask;
    }

    private void PublishSummary()
    {
        var summary = Summarize(_model!);
        _lastDirectoryRefresh = _time.GetUtcNow();
        if (_directory is AccountDirectory directory)
        {
            directory.Refresh(summary);
        }
        else
        {
            _ = UpdateDirectoryAsync(summary);
        }
    }

    private async Task UpdateDirectoryAsync(AccountSummary summary)
    {
        try
        {
            await _directory.UpsertAsync(summary);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not update the directory row of {Account}.", summary.Account);
        }
    }

    /// <remarks>
    /// Orleans keeps one activation per grain only eventually: a silo declared dead while it still runs (hung, then
    /// resumed) can append rows for an account whose new activation lives elsewhere. Those rows are durable, but a
    /// checkpoint past their sequence would make every later activation skip them. So before checkpointing, the grain
    /// counts the log's rows since its checkpoint; if there are more than it folded in, it rebuilds from the checkpoint and
    /// the log (which replays them) instead.
    /// </remarks>
    private async Task CheckpointAsync(bool replayedFromLog = false)
    {
        var model = _model ?? throw new InvalidOperationException($"Account {Key} has no model to checkpoint.");
        if (!replayedFromLog && _foldedSeq > State.CheckpointSeq)
        {
            var stored = await _log.CountAsync(Key, State.CheckpointSeq, _foldedSeq, _checkpointNotBefore);
            if (stored != _rowsSinceCheckpoint)
            {
                _logger.LogWarning(
                    "Account {Account}: the log holds {Stored} rows after checkpoint {Seq} where this activation folded {Folded}; another activation appended the rest. Rebuilding from the log.",
                    Key, stored, State.CheckpointSeq, _rowsSinceCheckpoint);
                _model = null;
                await RestoreAsync(CancellationToken.None);
                return;
            }
        }

        State.History = model.SerializeHistory();
        State.Detector = model.SerializeDetector();
        _checkpointBytesDropped = false;
        State.OpenEpisodes = [.. model.OpenEpisodes(State.Profile)];
        State.CheckpointSeq = _foldedSeq;
        try
        {
            await _state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            // Another activation of this account (Orleans keeps one per grain only eventually: a silo declared dead while
            // it still ran) checkpointed after this one loaded: its checkpoint wins. This activation stops, so the next
            // call rebuilds from that checkpoint and the log, which holds every point either activation acknowledged.
            _model = null;
            this.DeactivateOnIdle();
            throw;
        }

        DropCheckpointBytes();
        _batchesSinceCheckpoint = 0;
        _rowsSinceCheckpoint = 0;
        _checkpointNotBefore = model.ReplayNotBefore;
        _checkpointAfterBatches = CheckpointSpacing.Next(Key, ++_checkpoints, _options.CheckpointEveryBatches);
        _lastCheckpoint = _time.GetUtcNow();
    }

    private void DropCheckpointBytes()
    {
        State.History = null;
        State.Detector = null;
        _checkpointBytesDropped = true;
    }

    /// <summary>
    /// The serialised history and detector of the checkpoint this activation last read or wrote: in memory until dropped,
    /// then read back from storage (ETag-checked, see ReadOwnStoredStateAsync).
    /// </summary>
    private async Task<AccountState> CheckpointBytesAsync() =>
        _checkpointBytesDropped ? await ReadOwnStoredStateAsync() : State;

    /// <summary>
    /// Before a write is acknowledged, an activation that has not confirmed for <see cref="AccountGrainOptions.OwnershipCheckInterval"/>
    /// that the stored checkpoint is still its own reads it back. A silo frozen (or cut off) long enough to be declared dead
    /// resumes with its activations still in memory while a successor elsewhere has activated and written its checkpoint:
    /// this read makes the stale activation step down (503, retried) instead of appending points its successor would not
    /// see until its next rebuild.
    /// </summary>
    private async Task ConfirmOwnershipAsync()
    {
        if (_options.OwnershipCheckInterval is not { } interval || _time.GetElapsedTime(_ownershipConfirmedAt) < interval)
        {
            return;
        }

        var startedAt = _time.GetTimestamp();
        await ReadOwnStoredStateAsync();
        _ownershipConfirmedAt = startedAt;
    }

    /// <summary>
    /// Reads this account's stored checkpoint. One with another ETag was written by another activation of this account (a
    /// silo declared dead while it still ran): this one steps down, as when its own write meets that ETag.
    /// </summary>
    private async Task<AccountState> ReadOwnStoredStateAsync()
    {
        var stored = new GrainState<AccountState>();
        await ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageServiceCollectionExtensions.DefaultProviderName)
            .ReadStateAsync(StateName, this.GetGrainId(), stored);
        if (!string.Equals(stored.ETag, _state.Etag, StringComparison.Ordinal))
        {
            _model = null;
            this.DeactivateOnIdle();
            throw new InconsistentStateException(
                $"Account {Key}: another activation checkpointed after this one; it deactivates.", stored.ETag, _state.Etag);
        }

        return stored.State ?? new AccountState();
    }

    private async Task PublishOutboxAsync()
    {
        var events = State.Outbox.ToArray();
        try
        {
            await _router.PublishAsync(events);
        }
        catch (Exception ex)
        {
            // The events stay in the outbox (and the checkpoint); the next batch or stall tick sends them again.
            _logger.LogWarning(ex, "Account {Account} could not publish {Count} episode events; they stay in its outbox.", Key, events.Length);
            return;
        }

        State.Outbox.RemoveRange(0, events.Length);
    }

    private void AddToOutbox(IReadOnlyList<EpisodeEvent> events)
    {
        foreach (var episodeEvent in events)
        {
            var index = State.Outbox.FindIndex(pending => pending.Episode.Id == episodeEvent.Episode.Id);
            if (index < 0)
            {
                State.Outbox.Add(episodeEvent);
                continue;
            }

            // One event per episode: the latest figures, still announced as opened if the hub never saw the opening.
            var pending = State.Outbox[index];
            var change = episodeEvent.Change == AlertChangeNames.Resolved ? AlertChangeNames.Resolved
                : pending.Change == AlertChangeNames.Opened ? AlertChangeNames.Opened
                : episodeEvent.Change;
            State.Outbox[index] = new EpisodeEvent(change, episodeEvent.Episode);
        }
    }
}
