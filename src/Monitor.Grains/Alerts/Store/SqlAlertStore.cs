using System.Data.Common;
using Monitor.Abstractions.Alerts;

namespace Monitor.Grains.Alerts.Store;

/// <summary>
/// The alert store over SQL that SQLite and PostgreSQL share (<c>deploy/sql/*/1201_alert_store.sql</c>): reads, the feed
/// query, the writer and the pruner each do their part over one <see cref="AlertStoreDatabase"/>; the subclasses open
/// connections.
/// </summary>
internal abstract class SqlAlertStore : IAlertStore
{
    private readonly AlertStoreReads _reads;
    private readonly AlertFeedQuery _feed;
    private readonly AlertStoreWriter _writer;
    private readonly AlertStorePruner _pruner;

    protected SqlAlertStore(string serviceId, SchemaGate schema, string? changeLogLockSql = null)
    {
        var database = new AlertStoreDatabase(serviceId, schema, OpenConnectionAsync);
        Database = database;
        _reads = new AlertStoreReads(database);
        _feed = new AlertFeedQuery(database);
        _writer = new AlertStoreWriter(database, changeLogLockSql);
        _pruner = new AlertStorePruner(database, changeLogLockSql);
    }

    private protected AlertStoreDatabase Database { get; }

    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    public Task<long> GetLastSequenceAsync(CancellationToken cancellationToken) => _reads.GetLastSequenceAsync(cancellationToken);

    public Task<long> GetPrunesAsync(CancellationToken cancellationToken) => _reads.GetPrunesAsync(cancellationToken);

    public Task<IReadOnlyList<AlertView>> GetAlertsAsync(IReadOnlyCollection<string> alertIds, CancellationToken cancellationToken) =>
        _reads.GetAlertsAsync(alertIds, cancellationToken);

    public Task<IReadOnlyList<IReadOnlyList<string>>> FindIncidentIdsNearAsync(IReadOnlyList<IncidentProximity> questions, CancellationToken cancellationToken) =>
        _reads.FindIncidentIdsNearAsync(questions, cancellationToken);

    public Task<IReadOnlyList<IReadOnlyList<AlertView>>> FindUnincidentedInGroupsAsync(
        IReadOnlyList<(string Group, string Kind)> groupKinds, DateTimeOffset from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        _reads.FindUnincidentedInGroupsAsync(groupKinds, from, to, cancellationToken);

    public Task<IReadOnlyList<StoredIncident>> LoadIncidentsAsync(IReadOnlyCollection<string> incidentIds, CancellationToken cancellationToken) =>
        _reads.LoadIncidentsAsync(incidentIds, cancellationToken);

    public Task<IReadOnlyList<string>> FindOpenMembersAsync(string incidentId, int max, CancellationToken cancellationToken) =>
        _reads.FindOpenMembersAsync(incidentId, max, cancellationToken);

    public Task<IReadOnlyDictionary<string, DateTimeOffset?>> GetMemberEndsAsync(string incidentId, CancellationToken cancellationToken) =>
        _reads.GetMemberEndsAsync(incidentId, cancellationToken);

    public Task<IReadOnlyList<AlertView>> FindUnresolvedAsync(IReadOnlyCollection<string> kinds, string platform, string? account, CancellationToken cancellationToken) =>
        _reads.FindUnresolvedAsync(kinds, platform, account, cancellationToken);

    public Task<IReadOnlyList<AlertView>> ListUnresolvedAsync(string? afterId, int limit, CancellationToken cancellationToken) =>
        _reads.ListUnresolvedAsync(afterId, limit, cancellationToken);

    public Task<AlertPage> QueryAsync(AlertQuery query, CancellationToken cancellationToken) => _feed.QueryAsync(query, cancellationToken);

    public Task<IReadOnlyList<AlertChange>> ReadChangesAsync(long afterSequence, int max, CancellationToken cancellationToken) =>
        _reads.ReadChangesAsync(afterSequence, max, cancellationToken);

    public Task<IReadOnlyList<Silence>> ListSilencesAsync(CancellationToken cancellationToken) => _reads.ListSilencesAsync(cancellationToken);

    public Task<IReadOnlyList<Incident>> ListIncidentsAsync(CancellationToken cancellationToken) => _reads.ListIncidentsAsync(cancellationToken);

    public Task<long> CountAlertsAsync(CancellationToken cancellationToken) => _reads.CountAlertsAsync(cancellationToken);

    public Task CommitAsync(AlertStoreWrites writes, CancellationToken cancellationToken) => _writer.CommitAsync(writes, cancellationToken);

    public Task<SequencedCommit> CommitInSequenceAsync(AlertStoreWrites writes, long readAt, Func<CommitCheck, bool> stale, CancellationToken cancellationToken) =>
        _writer.CommitInSequenceAsync(writes, readAt, stale, cancellationToken);

    public Task<SequencedCommit> CommitUpToDateAsync(
        AlertStoreWrites writes, long readAt, Action<IReadOnlyDictionary<string, AlertView?>> bringUpToDate, CancellationToken cancellationToken) =>
        _writer.CommitUpToDateAsync(writes, readAt, bringUpToDate, cancellationToken);

    public Task<int> PruneAsync(AlertRetention retention, CancellationToken cancellationToken) => _pruner.PruneAsync(retention, cancellationToken);
}
