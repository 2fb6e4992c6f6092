using Monitor.Abstractions.Alerts;

namespace Monitor.Grains.Alerts.Store;

/// <summary>
/// The alert hub's tables: alerts, the append-only change log, incidents and silences of one service. Reads answer from
/// indexes; <see cref="CommitAsync"/> writes one hub call's changes in one transaction, so its cost follows the changes,
/// not the number of alerts kept.
/// </summary>
public interface IAlertStore
{
    /// <summary>The sequence of the newest change (0 before the first).</summary>
    Task<long> GetLastSequenceAsync(CancellationToken cancellationToken);

    /// <summary>
    /// How many prunes have removed rows so far. A prune writes nothing to the change log, so a hub shard's commit
    /// compares this count (<see cref="CommitCheck.Prunes"/>) with the one its call began with.
    /// </summary>
    Task<long> GetPrunesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<AlertView>> GetAlertsAsync(IReadOnlyCollection<string> alertIds, CancellationToken cancellationToken);

    /// <summary>The ids of the incidents near each alert of <paramref name="questions"/>, in their order, in one query.</summary>
    Task<IReadOnlyList<IReadOnlyList<string>>> FindIncidentIdsNearAsync(IReadOnlyList<IncidentProximity> questions, CancellationToken cancellationToken);

    /// <summary>
    /// Alerts of each kind in each group of <paramref name="groupKinds"/> (kinds in lower case) overlapping [from, to] and
    /// in no incident of that group and kind yet, in one query: one list per pair, in their order.
    /// </summary>
    Task<IReadOnlyList<IReadOnlyList<AlertView>>> FindUnincidentedInGroupsAsync(
        IReadOnlyList<(string Group, string Kind)> groupKinds, DateTimeOffset from, DateTimeOffset? to, CancellationToken cancellationToken);

    /// <summary>The incidents with these ids (headers and members), in one query; unknown ids are left out.</summary>
    Task<IReadOnlyList<StoredIncident>> LoadIncidentsAsync(IReadOnlyCollection<string> incidentIds, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> members of the incident whose episode has not ended, as stored.</summary>
    Task<IReadOnlyList<string>> FindOpenMembersAsync(string incidentId, int max, CancellationToken cancellationToken);

    /// <summary>The end of every member of the incident, as stored (null: not ended).</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset?>> GetMemberEndsAsync(string incidentId, CancellationToken cancellationToken);

    /// <summary>Unresolved alerts of the given kinds on a platform (and, when given, one account).</summary>
    Task<IReadOnlyList<AlertView>> FindUnresolvedAsync(IReadOnlyCollection<string> kinds, string platform, string? account, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> unresolved alerts (open or acknowledged) with an id after <paramref name="afterId"/> (null: from the first), by id.</summary>
    Task<IReadOnlyList<AlertView>> ListUnresolvedAsync(string? afterId, int limit, CancellationToken cancellationToken);

    Task<AlertPage> QueryAsync(AlertQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<AlertChange>> ReadChangesAsync(long afterSequence, int max, CancellationToken cancellationToken);

    /// <summary>Every silence kept, expired ones included.</summary>
    Task<IReadOnlyList<Silence>> ListSilencesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<Incident>> ListIncidentsAsync(CancellationToken cancellationToken);

    Task<long> CountAlertsAsync(CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="writes"/> as they are, changes with the sequences they carry (the legacy import).</summary>
    Task CommitAsync(AlertStoreWrites writes, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="writes"/> in one transaction holding the change log's lock (one writer at a time across
    /// every hub activation of the service), numbering its changes after the log's last sequence, so sequences are
    /// consecutive and in commit order. First, under the lock, <paramref name="stale"/> sees what committed after
    /// <paramref name="readAt"/>: when it says the call read something since changed, nothing is written.
    /// </summary>
    Task<SequencedCommit> CommitInSequenceAsync(AlertStoreWrites writes, long readAt, Func<CommitCheck, bool> stale, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="writes"/> like <see cref="CommitInSequenceAsync"/>, but is never refused: under the lock it
    /// hands <paramref name="bringUpToDate"/> every alert the changes after <paramref name="readAt"/> wrote, as stored
    /// now (null for one no longer stored), and <paramref name="bringUpToDate"/> amends the writes before they go. One
    /// attempt, however busy other activations are (a silence change on <c>alert-hub/global</c> while shards publish).
    /// </summary>
    Task<SequencedCommit> CommitUpToDateAsync(
        AlertStoreWrites writes, long readAt, Action<IReadOnlyDictionary<string, AlertView?>> bringUpToDate, CancellationToken cancellationToken);

    /// <summary>
    /// Removes what <paramref name="retention"/> lets go, in transactions that hold the change log's lock and count
    /// themselves in <see cref="GetPrunesAsync"/>; returns how many alerts went.
    /// </summary>
    Task<int> PruneAsync(AlertRetention retention, CancellationToken cancellationToken);
}
