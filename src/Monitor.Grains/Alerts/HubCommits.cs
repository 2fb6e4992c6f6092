using System.Diagnostics;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts.Store;

namespace Monitor.Grains.Alerts;

/// <summary>
/// The alert hub's commits: the gate every commit (and the pruner) holds, the sequences given at commit time in commit
/// order, the live feed after each commit, and what operator actions committed while a publish was computing its batch.
/// </summary>
/// <remarks>
/// Other activations (the other hub shards, the operator hub) commit to the same store; the store's sequenced commit
/// serialises them all and tells a commit whose reads another one made stale (<see cref="AlertHubSession.IsStale"/>): then
/// nothing is written, the hub reloads its silences and the last sequence, and the caller computes its call again.
/// </remarks>
/// <param name="reload">Reloads the hub's state after a failed or stale commit (another activation wrote meanwhile).</param>
/// <param name="silences">The fingerprint of the silences the hub's calls apply.</param>
/// <param name="sharded">
/// Whether other hub shards commit to the store too. A single hub is the log's only writer: it numbers its changes itself
/// and commits them in one round trip, as before sharding, without the store's lock and stale check.
/// </param>
internal sealed class HubCommits(IAlertStore store, AlertChangeFeed feed, Func<Task> reload, Func<SilenceFingerprint> silences, bool sharded)
{
    /// <summary>How many of the latest commits <see cref="WroteSince"/> remembers the alerts of.</summary>
    private const int RememberedCommits = 256;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _writtenByOperators = new(StringComparer.Ordinal);
    private readonly Queue<(long Number, HashSet<string> Alerts)> _recent = new();
    private bool _silencesChangedByOperators;

    public long LastSequence { get; set; }

    /// <summary>The store's prune count as last read (<see cref="IAlertStore.GetPrunesAsync"/>): what a new session starts from.</summary>
    public long Prunes { get; set; }

    /// <summary>How many commits (and prunes and reloads) there have been: what <see cref="WroteSince"/> counts from.</summary>
    public long Count { get; private set; }

    /// <summary>
    /// Whether a commit after the <paramref name="count"/>th wrote <paramref name="alertId"/> (true when that is too far
    /// back to tell, or the store was pruned or reloaded since): whether a read made then may be stale.
    /// </summary>
    public bool WroteSince(long count, string alertId) =>
        count != Count && (_recent.Count == 0 || _recent.Peek().Number > count + 1 || _recent.Any(commit => commit.Number > count && commit.Alerts.Contains(alertId)));

    /// <summary>Forgets the alerts of the commits so far (after a prune or a reload, any earlier read may be stale).</summary>
    public void Forget()
    {
        Count++;
        _recent.Clear();
    }

    /// <summary>Waits for the gate (the wait recorded under <paramref name="action"/>); <see cref="Exit"/> releases it.</summary>
    public async Task EnterAsync(string action)
    {
        var started = Stopwatch.GetTimestamp();
        await _gate.WaitAsync();
        AlertStoreInstruments.RecordPhase(action, "gate", started);
    }

    public void Exit() => _gate.Release();

    /// <summary>Starts tracking what operators commit from here on (publishes do not interleave with each other).</summary>
    public void BeginPublish()
    {
        _writtenByOperators.Clear();
        _silencesChangedByOperators = false;
    }

    /// <summary>Whether an operator committed, since <see cref="BeginPublish"/>, an alert the session read or wrote, or a silence.</summary>
    public bool OperatorsChanged(AlertHubSession session) => _silencesChangedByOperators || session.Saw(_writtenByOperators);

    /// <summary>
    /// Commits an operator action's writes (the gate held) and notes what it changed for a publish in progress; false
    /// when another activation's commit made the session stale (nothing written; compute it again).
    /// </summary>
    /// <param name="bringUpToDate">
    /// When given, a sharded commit is never refused: the store hands it, under the change log's lock, the alerts other
    /// activations wrote since the session's reads, to amend the writes with (<see cref="IAlertStore.CommitUpToDateAsync"/>).
    /// </param>
    public async Task<bool> CommitOperatorActionAsync(AlertHubSession session, string action, Action<IReadOnlyDictionary<string, AlertView?>>? bringUpToDate = null)
    {
        if (!await CommitAsync(session, action, bringUpToDate))
        {
            return false;
        }

        _writtenByOperators.UnionWith(session.Writes.Alerts.Keys);
        _silencesChangedByOperators |= session.Writes.Silences.Count > 0;
        return true;
    }

    /// <summary>
    /// Writes the session's changes with the next sequences of the log and pushes them to the live feed (the gate held);
    /// false when another activation's commit made the session stale (nothing written; compute it again).
    /// </summary>
    public async Task<bool> CommitAsync(AlertHubSession session, string action, Action<IReadOnlyDictionary<string, AlertView?>>? bringUpToDate = null)
    {
        if (session.Writes.IsEmpty)
        {
            return true;
        }

        var started = Stopwatch.GetTimestamp();
        SequencedCommit commit;
        try
        {
            commit = !sharded ? await CommitAfterLastSequenceAsync(session)
                : bringUpToDate is null ? await CommitInStoreSequenceAsync(session)
                : await store.CommitUpToDateAsync(session.Writes, session.ReadAt, bringUpToDate, CancellationToken.None);
        }
        catch
        {
            await reload();
            throw;
        }

        if (!commit.Committed)
        {
            AlertStoreInstruments.StaleCommits.Add(1);
            await reload();
            return false;
        }

        AlertStoreInstruments.RecordPhase(action, "commit", started);
        Committed(session.Writes.Alerts.Keys, commit.LastSequence, session.Writes.Changes);
        return true;
    }

    /// <summary>
    /// Acknowledges <paramref name="alertId"/> in one statement of the store (a single hub only: the change takes the
    /// next sequence), holding the gate for it, and notes it as an operator's commit; returns the alert as it is then.
    /// </summary>
    public async Task<AlertView?> AcknowledgeAsync(IOneStatementAcknowledgement statement, string alertId, string? by, TimeProvider time)
    {
        await EnterAsync(AlertChangeNames.Acknowledged);
        try
        {
            var started = Stopwatch.GetTimestamp();
            AcknowledgeOutcome outcome;
            try
            {
                outcome = await statement.AcknowledgeAsync(alertId, by, time.GetUtcNow(), LastSequence + 1, CancellationToken.None);
            }
            catch
            {
                await reload();
                throw;
            }

            if (outcome.Change is not { } change)
            {
                return outcome.Stored;
            }

            AlertStoreInstruments.RecordPhase(AlertChangeNames.Acknowledged, "commit", started);
            _writtenByOperators.Add(alertId);
            Committed([alertId], change.Sequence, [change]);
            return change.Alert;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Remembers a commit's alerts (for <see cref="WroteSince"/>), takes its last sequence and pushes its changes to the live feed.</summary>
    private void Committed(IEnumerable<string> alertIds, long lastSequence, IReadOnlyList<AlertChange> changes)
    {
        _recent.Enqueue((++Count, alertIds.ToHashSet(StringComparer.Ordinal)));
        if (_recent.Count > RememberedCommits)
        {
            _recent.Dequeue();
        }

        LastSequence = lastSequence;
        if (changes.Count > 0)
        {
            feed.Publish(changes);
        }
    }

    private Task<SequencedCommit> CommitInStoreSequenceAsync(AlertHubSession session)
    {
        var used = silences();
        return store.CommitInSequenceAsync(session.Writes, session.ReadAt, check => session.IsStale(check, used), CancellationToken.None);
    }

    private async Task<SequencedCommit> CommitAfterLastSequenceAsync(AlertHubSession session)
    {
        // Sequences follow the commits: an operator action may have committed since this session began.
        var changes = session.Writes.Changes;
        for (var i = 0; i < changes.Count; i++)
        {
            changes[i] = changes[i] with { Sequence = LastSequence + 1 + i };
        }

        await store.CommitAsync(session.Writes, CancellationToken.None);
        return new SequencedCommit(true, LastSequence + changes.Count);
    }
}
