using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts.Store;

namespace Monitor.Grains.Tests.Support;

/// <summary>
/// An alert store that holds one read back on request: <see cref="PauseAfterReading"/> arms it, and the next read whose
/// result holds that alert waits (having read it) until the test releases it, so a hub call is caught in the middle.
/// </summary>
internal sealed class PausingAlertStore(IAlertStore inner) : IAlertStore
{
    private readonly Lock _lock = new();
    private (string AlertId, TaskCompletionSource Reached, TaskCompletionSource Release)? _armed;

    /// <summary>
    /// Holds the next read that returns <paramref name="alertId"/>; the first task completes when a read is held, and
    /// the held read returns once the action returned is called. Only one read is held.
    /// </summary>
    public (Task Reached, Action Release) PauseAfterReading(string alertId)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _armed = (alertId, reached, release);
        }

        return (reached.Task, () => release.TrySetResult());
    }

    public Task<long> GetLastSequenceAsync(CancellationToken cancellationToken) => inner.GetLastSequenceAsync(cancellationToken);

    public Task<long> GetPrunesAsync(CancellationToken cancellationToken) => inner.GetPrunesAsync(cancellationToken);

    public async Task<IReadOnlyList<AlertView>> GetAlertsAsync(IReadOnlyCollection<string> alertIds, CancellationToken cancellationToken) =>
        await HoldAsync(await inner.GetAlertsAsync(alertIds, cancellationToken));

    public Task<IReadOnlyList<IReadOnlyList<string>>> FindIncidentIdsNearAsync(IReadOnlyList<IncidentProximity> questions, CancellationToken cancellationToken) =>
        inner.FindIncidentIdsNearAsync(questions, cancellationToken);

    public async Task<IReadOnlyList<IReadOnlyList<AlertView>>> FindUnincidentedInGroupsAsync(
        IReadOnlyList<(string Group, string Kind)> groupKinds, DateTimeOffset from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var lists = await inner.FindUnincidentedInGroupsAsync(groupKinds, from, to, cancellationToken);
        await HoldAsync([.. lists.SelectMany(list => list)]);
        return lists;
    }

    public Task<IReadOnlyList<StoredIncident>> LoadIncidentsAsync(IReadOnlyCollection<string> incidentIds, CancellationToken cancellationToken) =>
        inner.LoadIncidentsAsync(incidentIds, cancellationToken);

    public Task<IReadOnlyList<string>> FindOpenMembersAsync(string incidentId, int max, CancellationToken cancellationToken) =>
        inner.FindOpenMembersAsync(incidentId, max, cancellationToken);

    public Task<IReadOnlyDictionary<string, DateTimeOffset?>> GetMemberEndsAsync(string incidentId, CancellationToken cancellationToken) =>
        inner.GetMemberEndsAsync(incidentId, cancellationToken);

    public async Task<IReadOnlyList<AlertView>> FindUnresolvedAsync(IReadOnlyCollection<string> kinds, string platform, string? account, CancellationToken cancellationToken) =>
        await HoldAsync(await inner.FindUnresolvedAsync(kinds, platform, account, cancellationToken));

    public async Task<IReadOnlyList<AlertView>> ListUnresolvedAsync(string? afterId, int limit, CancellationToken cancellationToken) =>
        await HoldAsync(await inner.ListUnresolvedAsync(afterId, limit, cancellationToken));

    public Task<AlertPage> QueryAsync(AlertQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

    public Task<IReadOnlyList<AlertChange>> ReadChangesAsync(long afterSequence, int max, CancellationToken cancellationToken) =>
        inner.ReadChangesAsync(afterSequence, max, cancellationToken);

    public Task<IReadOnlyList<Silence>> ListSilencesAsync(CancellationToken cancellationToken) => inner.ListSilencesAsync(cancellationToken);

    public Task<IReadOnlyList<Incident>> ListIncidentsAsync(CancellationToken cancellationToken) => inner.ListIncidentsAsync(cancellationToken);

    public Task<long> CountAlertsAsync(CancellationToken cancellationToken) => inner.CountAlertsAsync(cancellationToken);

    public Task CommitAsync(AlertStoreWrites writes, CancellationToken cancellationToken) => inner.CommitAsync(writes, cancellationToken);

    public Task<SequencedCommit> CommitInSequenceAsync(AlertStoreWrites writes, long readAt, Func<CommitCheck, bool> stale, CancellationToken cancellationToken) =>
        inner.CommitInSequenceAsync(writes, readAt, stale, cancellationToken);

    public Task<SequencedCommit> CommitUpToDateAsync(
        AlertStoreWrites writes, long readAt, Action<IReadOnlyDictionary<string, AlertView?>> bringUpToDate, CancellationToken cancellationToken) =>
        inner.CommitUpToDateAsync(writes, readAt, bringUpToDate, cancellationToken);

    public Task<int> PruneAsync(AlertRetention retention, CancellationToken cancellationToken) => inner.PruneAsync(retention, cancellationToken);

    private async Task<IReadOnlyList<AlertView>> HoldAsync(IReadOnlyList<AlertView> read)
    {
        TaskCompletionSource? release = null;
        lock (_lock)
        {
            if (_armed is { } armed && read.Any(alert => alert.Id == armed.AlertId))
            {
                _armed = null;
                armed.Reached.TrySetResult();
                release = armed.Release;
            }
        }

        if (release is not null)
        {
            await release.Task;
        }

        return read;
    }
}
