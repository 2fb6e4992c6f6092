using Microsoft.Extensions.Options;
using Monitor.Abstractions.Accounts;
using Monitor.Grains.Alerts;
using Monitor.Grains.Observations;
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
/// again by a replay are harmless at the hub. Stalls are checked by a reminder (<see cref="StallReminder"/>).
/// </remarks>
[GrainType("account")]
public sealed class AccountGrain(
    [PersistentState(AccountGrain.StateName, StorageServiceCollectionExtensions.DefaultProviderName)] IPersistentState<AccountState> state,
    IObservationLog log,
    AlertRouter router,
    IAccountDirectory directory,
    TimeProvider time,
    IOptions<AccountGrainOptions> options,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain, IRemindable
{
    /// <summary>The name of the reminder that checks for stalls.</summary>
    public const string StallReminderName = StallReminder.Name;

    /// <summary>The name of the account's persistent state.</summary>
    internal const string StateName = "account";

    private readonly AccountGrainOptions _options = options.Value;
    private AccountModel? _model;
    private SingleFlight? _restoring;
    private AccountCheckpointer? _checkpointer;
    private CheckpointSchedule _checkpointSchedule;
    private DirectoryRefreshThrottle _directoryRefresh;

    private AccountState State => state.State;

    private string Key => this.GetPrimaryKeyString();

    private AccountCheckpointer Checkpointer => _checkpointer ??= new AccountCheckpointer(state, log, Key);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Configured)
        {
            await RestoreAsync(cancellationToken);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_directoryRefresh.HasTrailingRefresh)
        {
            await FlushDirectoryAsync(cancellationToken);
        }

        if (State.Configured && _model is not null && (_checkpointSchedule.BatchesSince > 0 || State.Outbox.Count > 0))
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
            return ObservationBatchValidator.RejectUnknownAccount(observations, Key);
        }

        var model = await GetModelAsync();
        await Checkpointer.SupplyDetectorStateAsync(model, this);
        await Checkpointer.ConfirmOwnershipAsync(this, _options.OwnershipCheckInterval, time);
        var outcome = model.Append(Key, observations, time.GetUtcNow());
        if (outcome.Added.Count > 0)
        {
            try
            {
                Checkpointer.Appended(await log.AppendAsync(outcome.Added), outcome.Added.Count);
                await Checkpointer.ConfirmOwnershipAsync(this, _options.OwnershipCheckInterval, time);
            }
            catch
            {
                // Not acknowledged (not durable, or this activation was replaced): drop the model so the next call rebuilds
                // it from the checkpoint and the log, where the caller's idempotent retry stores them.
                _model = null;
                throw;
            }

            EpisodeOutbox.Add(State.Outbox, model.Observe(outcome.Added, outcome.Resolution));
            _checkpointSchedule.BatchTaken();
            try
            {
                await AfterChangeAsync();
            }
            catch (InconsistentStateException)
            {
                // The points are durable in the log (acknowledged), and the activation whose checkpoint won folds them in
                // (CheckpointAsync); this one has stepped down.
                logger.LogWarning("Account {Account}: another activation checkpointed first; this one deactivates after storing the batch.", Key);
            }
        }

        var (duplicates, rejected) = await TooOldObservations.SettleAsync(log, logger, Key, observations, outcome);
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
        model.ReleaseIdleDetectorState();
        return Summarize(model);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryPoint>> GetHistoryAsync(DateTimeOffset from, DateTimeOffset to, HistoryResolution resolution)
    {
        ObservationBatchValidator.ValidateHistoryQuery(from, to, resolution);
        if (!State.Configured)
        {
            return [];
        }

        var model = await GetModelAsync();
        model.ReleaseIdleDetectorState();
        return model.Query(from, to, resolution);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryPoint>> ReadDailyHistoryAsync(DateTimeOffset from, DateTimeOffset to) =>
        GetHistoryAsync(from, to, HistoryResolution.Day);

    /// <inheritdoc />
    public async Task<AccountSummary> ConfigureAsync(AccountProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var settingsProfile = AccountSummaries.Normalized(profile);
        DetectorSettingsMapping.ValidateOverrides(settingsProfile.Detector);
        var model = State.Configured ? await GetModelAsync() : AccountModel.Create(Key, settingsProfile);
        await Checkpointer.SupplyDetectorStateAsync(model, this);
        model.Reconfigure(settingsProfile);
        State.Profile = settingsProfile;
        State.Configured = true;
        _model = model;
        await CheckpointAsync();

        // State first, then the reminder and directory rows, both written on every configure so that a retry mends them.
        var summary = Summarize(model);
        await Task.WhenAll(StallReminder.RegisterAsync(this, _options, onlyIfMissing: false), directory.UpsertAsync(summary));
        return summary;
    }

    /// <inheritdoc />
    public async Task<AccountRegistration> RegisterAsync(AccountProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!State.Configured || !AccountSummaries.SameProfile(State.Profile, AccountSummaries.Normalized(profile)))
        {
            var created = !State.Configured;
            var summary = await ConfigureAsync(profile);
            return new AccountRegistration(created ? RegistrationOutcome.Created : RegistrationOutcome.Updated, summary);
        }

        // Nothing to store. A silo that died after the checkpoint of an earlier registration may have left the reminder or
        // the directory row unwritten: a retry mends them, as ConfigureAsync's does.
        var model = await GetModelAsync();
        model.ReleaseIdleDetectorState();
        var unchanged = Summarize(model);
        await Task.WhenAll(StallReminder.RegisterAsync(this, _options, onlyIfMissing: true), directory.UpsertAsync(unchanged));
        return new AccountRegistration(RegistrationOutcome.Unchanged, unchanged);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync()
    {
        if (!State.Configured && !state.RecordExists)
        {
            return false;
        }

        await StallReminder.UnregisterAsync(this);
        _directoryRefresh.EndTrailing();
        await log.DeleteAccountAsync(Key);
        await directory.RemoveAsync(Key);
        await state.ClearStateAsync();
        _model = null;
        Checkpointer.Clear();
        _checkpointSchedule.Clear();
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
        EpisodeOutbox.Add(State.Outbox, PollOutcomeRecorder.Record(State, Key, outcome, model, _options.StallAfterFailedPolls));
        await CheckpointAsync();
        await EpisodeOutbox.PublishAsync(State.Outbox, router, logger, Key);

        await DirectoryRows.UpsertAsync(directory, Summarize(model), logger);
    }

    /// <summary>The stall check: asks the detector whether data is overdue and retries an unsent outbox.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != StallReminderName || !State.Configured)
        {
            return;
        }

        var model = await GetModelAsync();
        var now = time.GetUtcNow();
        await Checkpointer.SupplyDetectorStateAsync(model, this, stallCheckAt: now);

        var changes = model.CheckStall(now);
        if (changes.Count > 0 || State.Outbox.Count > 0)
        {
            EpisodeOutbox.Add(State.Outbox, changes);
            await AfterChangeAsync();
        }

        model.ReleaseIdleDetectorState();
    }

    private AccountSummary Summarize(AccountModel model) => AccountSummaries.Of(model, Key, State);

    private async Task<AccountModel> GetModelAsync()
    {
        if (_model is null)
        {
            // Interleaved reads (ReadDailyHistoryAsync) share one restore instead of starting a second.
            await (_restoring ??= new SingleFlight()).RunAsync(() => RestoreAsync(CancellationToken.None));
        }

        return _model!;
    }

    private async Task RestoreAsync(CancellationToken cancellationToken)
    {
        // With ownership checks on (cluster mode) a new activation writes its checkpoint before it reads the log: the new
        // ETag is what tells an older activation of this account, on a silo declared dead, that it no longer owns it.
        var (model, events, replayed) = await Checkpointer.RestoreAsync(this, _options.OwnershipCheckInterval is not null, time, cancellationToken);
        _model = model;
        EpisodeOutbox.Add(State.Outbox, events);
        _checkpointSchedule.Restored(Key, _options.CheckpointEveryBatches, time.GetUtcNow());
        if (replayed > 0)
        {
            logger.LogDebug("Account {Account} replayed {Rows} log rows after checkpoint {Seq}.", Key, replayed, State.CheckpointSeq);
            await CheckpointAsync(replayedFromLog: true);
        }

        await EpisodeOutbox.PublishAsync(State.Outbox, router, logger, Key);
    }

    private async Task AfterChangeAsync()
    {
        if (State.Outbox.Count > 0 || _checkpointSchedule.IsDue(time.GetUtcNow(), _options.CheckpointInterval))
        {
            await CheckpointAsync();
        }

        await EpisodeOutbox.PublishAsync(State.Outbox, router, logger, Key);

        RefreshDirectory();
    }

    // The directory is an index, refreshed in the background and coalesced across accounts (DirectoryRefreshThrottle).
    private void RefreshDirectory()
    {
        if (_directoryRefresh.TakeDue(time.GetUtcNow(), _options.DirectoryRefreshInterval, delay => this.RegisterGrainTimer(FlushDirectoryAsync, delay, Timeout.InfiniteTimeSpan)))
        {
            PublishSummary();
        }
    }

    private Task FlushDirectoryAsync(CancellationToken cancellationToken)
    {
        _directoryRefresh.EndTrailing();
        if (State.Configured && _model is not null)
        {
            PublishSummary();
        }

        return Task.CompletedTask;
    }

    private void PublishSummary()
    {
        _directoryRefresh.Refreshed(time.GetUtcNow());
        DirectoryRows.Refresh(directory, Summarize(_model!), logger);
    }

    // A checkpoint that would skip rows another activation appended is not written: the model is rebuilt from the log instead.
    private async Task CheckpointAsync(bool replayedFromLog = false)
    {
        var model = _model ?? throw new InvalidOperationException($"Account {Key} has no model to checkpoint.");
        await Checkpointer.SupplyDetectorStateAsync(model, this);
        if (!replayedFromLog && !await Checkpointer.FoldedEveryRowAsync(logger))
        {
            _model = null;
            await RestoreAsync(CancellationToken.None);
            return;
        }

        try
        {
            await Checkpointer.WriteAsync(model);
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

        _checkpointSchedule.Written(Key, _options.CheckpointEveryBatches, time.GetUtcNow());
    }
}
