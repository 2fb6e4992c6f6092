using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Grains.Observations;
using Orleans.Storage;

namespace Monitor.Grains.Accounts;

/// <summary>
/// The durable side of one account activation: rebuilds its model from the checkpoint and the log rows after it, counts
/// what it folds in, and writes checkpoints, refusing one that would skip rows another activation appended.
/// </summary>
/// <remarks>
/// Orleans keeps one activation per grain only eventually: a silo declared dead while it still runs (hung, then resumed)
/// can append rows for an account whose new activation lives elsewhere. Those rows are durable, but a checkpoint past
/// their sequence would make every later activation skip them. So before checkpointing, <see cref="FoldedEveryRowAsync"/>
/// counts the log's rows since the checkpoint; if there are more than this activation folded in, the grain rebuilds.
/// </remarks>
internal sealed class AccountCheckpointer(IPersistentState<AccountState> state, IObservationLog log, string account)
{
    private long _foldedSeq;

    // Log rows folded into the model since the checkpoint (replayed or appended), and the oldest timestamp a replay from
    // that checkpoint reads.
    private long _rowsSinceCheckpoint;
    private DateTimeOffset _checkpointNotBefore;

    // The checkpoint's serialised history and detector are as large as the model built from them, and needed only while a
    // checkpoint is written or the model rebuilt: they are dropped once either is done (true), and a rebuild reads them back.
    private bool _checkpointBytesDropped;

    // When this activation last found (or made) the stored checkpoint's ETag its own: a monotonic timestamp.
    private long _ownershipConfirmedAt;

    private AccountState State => state.State;

    /// <summary>
    /// The model as of the checkpoint with the log rows after it replayed one at a time (which feeds the detector exactly
    /// what it saw live), the episode events the replay produced, and how many rows it replayed.
    /// </summary>
    /// <remarks>
    /// With <paramref name="claimOwnership"/> (cluster mode) the checkpoint is first written back unchanged, before the log
    /// is read: its new ETag fences an older activation of this account (<see cref="ConfirmOwnershipAsync"/>). A row that
    /// activation commits before the write is in the log read next; one it commits after is refused at its next confirmation.
    /// </remarks>
    public async Task<(AccountModel Model, List<EpisodeEvent> Events, int Replayed)> RestoreAsync(
        IGrainBase grain, bool claimOwnership, TimeProvider time, CancellationToken cancellationToken)
    {
        var checkpoint = await CheckpointBytesAsync(grain);
        if (claimOwnership)
        {
            await ClaimOwnershipAsync(grain, checkpoint, time);
        }

        var model = AccountModel.Restore(account, State.Profile, checkpoint.History, checkpoint.Detector);
        DropCheckpointBytes();
        _foldedSeq = State.CheckpointSeq;
        _checkpointNotBefore = model.ReplayNotBefore;
        var replayed = 0;
        var events = new List<EpisodeEvent>();
        await foreach (var row in log.ReadAfterAsync(account, State.CheckpointSeq, model.ReplayNotBefore, cancellationToken))
        {
            events.AddRange(model.Replay(row));
            _foldedSeq = Math.Max(_foldedSeq, row.Seq);
            replayed++;
        }

        _rowsSinceCheckpoint = replayed;
        return (model, events, replayed);
    }

    /// <summary>
    /// Gives <paramref name="model"/> back the detector state it released (idle), read from the checkpoint (ETag-checked like
    /// a rebuild); a no-op when it holds its state, or when <paramref name="stallCheckAt"/> is given and a stall check then
    /// needs no state.
    /// </summary>
    public async Task SupplyDetectorStateAsync(AccountModel model, IGrainBase grain, DateTimeOffset? stallCheckAt = null)
    {
        if (model.DetectorStateReleased && (stallCheckAt is not { } at || model.StallCheckNeedsDetectorState(at)))
        {
            var checkpoint = await CheckpointBytesAsync(grain);
            model.SupplyDetectorState(checkpoint.Detector ?? throw new InvalidOperationException($"Account {account}: its checkpoint holds no detector state."));
        }
    }

    /// <summary>A batch of <paramref name="rows"/> rows is durable in the log up to <paramref name="seq"/>.</summary>
    public void Appended(long seq, int rows)
    {
        _foldedSeq = Math.Max(_foldedSeq, seq);
        _rowsSinceCheckpoint += rows;
    }

    /// <summary>The account was removed: its log and checkpoint are gone.</summary>
    public void Clear()
    {
        _foldedSeq = 0;
        _rowsSinceCheckpoint = 0;
    }

    /// <summary>False when the log holds rows after the checkpoint that this activation did not fold in (another activation's).</summary>
    public async Task<bool> FoldedEveryRowAsync(ILogger logger)
    {
        if (_foldedSeq <= State.CheckpointSeq)
        {
            return true;
        }

        var stored = await log.CountAsync(account, State.CheckpointSeq, _foldedSeq, _checkpointNotBefore);
        if (stored == _rowsSinceCheckpoint)
        {
            return true;
        }

        logger.LogWarning(
            "Account {Account}: the log holds {Stored} rows after checkpoint {Seq} where this activation folded {Folded}; another activation appended the rest. Rebuilding from the log.",
            account, stored, State.CheckpointSeq, _rowsSinceCheckpoint);
        return false;
    }

    /// <summary>
    /// Writes the checkpoint of <paramref name="model"/>. Throws <see cref="InconsistentStateException"/> when another
    /// activation of this account checkpointed after this one loaded: its checkpoint wins, and this activation must stop.
    /// </summary>
    public async Task WriteAsync(AccountModel model)
    {
        State.History = model.SerializeHistory();
        var detectorState = State.Detector = model.SerializeDetector();
        State.OpenEpisodes = [.. model.OpenEpisodes(State.Profile)];
        State.CheckpointSeq = _foldedSeq;
        _checkpointBytesDropped = false;
        await state.WriteStateAsync();
        DropCheckpointBytes();

        // An idle account keeps its detector as the bytes just written (a third of its decoded size); the next batch decodes it.
        model.SleepDetector(detectorState);
        _rowsSinceCheckpoint = 0;
        _checkpointNotBefore = model.ReplayNotBefore;
    }

    /// <summary>
    /// Before a batch is appended, and again before it is acknowledged, an activation that has not confirmed for
    /// <paramref name="interval"/> that the stored checkpoint is still its own reads it back (cluster mode; null turns it
    /// off). A silo frozen (or cut off) long enough to be declared dead resumes with its activations in memory while a
    /// successor elsewhere has activated and written its checkpoint: this read makes the stale activation step down (503,
    /// retried) instead of acknowledging points its successor did not read. The second call matters when the freeze fell
    /// between the first and the log's commit: the monotonic clock ran on while the process was stopped, so the
    /// confirmation has expired and the read is made.
    /// </summary>
    public async Task ConfirmOwnershipAsync(IGrainBase grain, TimeSpan? interval, TimeProvider time)
    {
        if (interval is not { } every || time.GetElapsedTime(_ownershipConfirmedAt) < every)
        {
            return;
        }

        var startedAt = time.GetTimestamp();
        await ReadOwnStoredStateAsync(grain);
        _ownershipConfirmedAt = startedAt;
    }

    private async Task ClaimOwnershipAsync(IGrainBase grain, AccountState checkpoint, TimeProvider time)
    {
        State.History = checkpoint.History;
        State.Detector = checkpoint.Detector;
        _checkpointBytesDropped = false;
        var startedAt = time.GetTimestamp();
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            // Another activation claimed it first (or this one is the older of two): it steps down as on a failed checkpoint.
            grain.DeactivateOnIdle();
            throw;
        }

        _ownershipConfirmedAt = startedAt;
    }

    /// <summary>
    /// The serialised history and detector of the checkpoint this activation last read or wrote: in memory until dropped,
    /// then read back from storage (ETag-checked).
    /// </summary>
    private async Task<AccountState> CheckpointBytesAsync(IGrainBase grain) =>
        _checkpointBytesDropped ? await ReadOwnStoredStateAsync(grain) : State;

    /// <summary>
    /// Reads this account's stored checkpoint. One with another ETag was written by another activation of this account (a
    /// silo declared dead while it still ran): <paramref name="grain"/> steps down, as when its own write meets that ETag.
    /// </summary>
    private async Task<AccountState> ReadOwnStoredStateAsync(IGrainBase grain)
    {
        var stored = new GrainState<AccountState>();
        var storage = grain.GrainContext.ActivationServices.GetRequiredKeyedService<IGrainStorage>(StorageServiceCollectionExtensions.DefaultProviderName);
        await storage.ReadStateAsync(AccountGrain.StateName, grain.GrainContext.GrainId, stored);
        if (!string.Equals(stored.ETag, state.Etag, StringComparison.Ordinal))
        {
            grain.DeactivateOnIdle();
            throw new InconsistentStateException(
                $"Account {account}: another activation checkpointed after this one; it deactivates.", stored.ETag, state.Etag);
        }

        return stored.State ?? new AccountState();
    }

    private void DropCheckpointBytes()
    {
        State.History = null;
        State.Detector = null;
        _checkpointBytesDropped = true;
    }
}
