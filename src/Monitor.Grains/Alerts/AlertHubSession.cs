using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts.Store;

namespace Monitor.Grains.Alerts;

/// <summary>
/// One hub call's view of the store: reads see the call's own pending writes, which <see cref="Writes"/> collects for one
/// commit; changes get consecutive sequences after the last committed one.
/// </summary>
internal sealed class AlertHubSession(IAlertStore store, long lastSequence, CancellationToken cancellationToken)
{
    private readonly Dictionary<string, AlertView?> _read = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredIncident> _incidents = new(StringComparer.Ordinal);

    public AlertStoreWrites Writes { get; } = new();

    public long LastSequence { get; private set; } = lastSequence;

    public async Task<AlertView?> GetAsync(string alertId)
    {
        if (Writes.Alerts.TryGetValue(alertId, out var pending))
        {
            return pending;
        }

        if (!_read.TryGetValue(alertId, out var stored))
        {
            stored = (await store.GetAlertsAsync([alertId], cancellationToken).ConfigureAwait(false)).SingleOrDefault();
            _read[alertId] = stored;
        }

        return stored;
    }

    public async Task<IReadOnlyList<AlertView>> GetManyAsync(IReadOnlyCollection<string> alertIds)
    {
        var missing = alertIds.Where(id => !Writes.Alerts.ContainsKey(id) && !_read.ContainsKey(id)).ToList();
        foreach (var alert in await store.GetAlertsAsync(missing, cancellationToken).ConfigureAwait(false))
        {
            _read[alert.Id] = alert;
        }

        return alertIds.Select(id => Writes.Alerts.GetValueOrDefault(id) ?? _read.GetValueOrDefault(id)).OfType<AlertView>().ToList();
    }

    public void Put(AlertView alert) => Writes.Alerts[alert.Id] = alert;

    public AlertChange Record(string change, AlertView alert)
    {
        var entry = new AlertChange(++LastSequence, change, alert);
        Writes.Changes.Add(entry);
        return entry;
    }

    /// <summary>
    /// Alerts of <paramref name="kind"/> in <paramref name="group"/> overlapping [from, to] and in no incident of that group
    /// and kind yet, pending versions and memberships included.
    /// </summary>
    public async Task<IReadOnlyList<AlertView>> FindUnincidentedInGroupAsync(string group, string kind, DateTimeOffset from, DateTimeOffset? to)
    {
        var stored = await store.FindUnincidentedInGroupAsync(group, kind.ToLowerInvariant(), from, to, cancellationToken).ConfigureAwait(false);
        return Merge(stored, alert => Overlaps(alert, group, kind, from, to) && !InKnownIncident(alert.Id, group, kind));
    }

    /// <summary>
    /// The incident of <paramref name="group"/> and <paramref name="kind"/> holding <paramref name="alertId"/> or a member of
    /// another account overlapping [from, to], if any (the first by id), this call's pending ones included.
    /// </summary>
    public async Task<StoredIncident?> FindIncidentNearAsync(string group, string kind, string alertId, string account, DateTimeOffset from, DateTimeOffset? to)
    {
        var stored = await store.FindIncidentsNearAsync(group, kind.ToLowerInvariant(), alertId, account, from, to, cancellationToken).ConfigureAwait(false);
        foreach (var incident in stored)
        {
            _incidents.TryAdd(incident.Id, incident);
        }

        // Members that joined during this call are not in the tables yet: look for them among the pending alerts.
        var pendingNear = Writes.Alerts.Values
            .Where(alert => alert.Account != account && Overlaps(alert, group, kind, from, to))
            .Select(alert => alert.Id)
            .ToHashSet(StringComparer.Ordinal);
        bool Near(StoredIncident incident) =>
            incident.Members.ContainsKey(alertId) || (Writes.Incidents.ContainsKey(incident.Id) && incident.Members.Keys.Any(pendingNear.Contains));
        var nearIds = stored.Select(incident => incident.Id).ToHashSet(StringComparer.Ordinal);
        return _incidents.Values
            .Where(incident => incident.Group == group && string.Equals(incident.Kind, kind, StringComparison.OrdinalIgnoreCase))
            .Where(incident => nearIds.Contains(incident.Id) || Near(incident))
            .OrderBy(incident => incident.Id, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Unresolved alerts of <paramref name="kinds"/> on a platform (and account), pending versions included.</summary>
    public async Task<IReadOnlyList<AlertView>> FindUnresolvedAsync(IReadOnlyCollection<string> kinds, string platform, string? account)
    {
        bool Fits(AlertView alert) =>
            alert.Status != AlertStatuses.Resolved && kinds.Contains(alert.Kind, StringComparer.OrdinalIgnoreCase)
            && AlertLabels.PlatformOf(alert) == platform && (account is null || alert.Account == account);
        var stored = await store.FindUnresolvedAsync(kinds, platform, account, cancellationToken).ConfigureAwait(false);
        return Merge(stored, Fits);
    }

    public void PutIncident(StoredIncident incident, IEnumerable<(string AlertId, string Account)> newMembers)
    {
        _incidents[incident.Id] = incident;
        Writes.Incidents[incident.Id] = incident;
        foreach (var (alertId, account) in newMembers)
        {
            Writes.NewMembers.Add((incident.Id, alertId, account));
        }
    }

    private static bool Overlaps(AlertView alert, string group, string kind, DateTimeOffset from, DateTimeOffset? to) =>
        string.Equals(alert.Kind, kind, StringComparison.OrdinalIgnoreCase) && AlertLabels.CorrelationKeys(alert).Contains(group, StringComparer.Ordinal)
        && (alert.End is not { } end || end >= from) && (to is not { } until || alert.Start <= until);

    private bool InKnownIncident(string alertId, string group, string kind) =>
        _incidents.Values.Any(incident => incident.Group == group && string.Equals(incident.Kind, kind, StringComparison.OrdinalIgnoreCase)
            && incident.Members.ContainsKey(alertId));

    private List<AlertView> Merge(IReadOnlyList<AlertView> stored, Func<AlertView, bool> fits)
    {
        var merged = new Dictionary<string, AlertView>(StringComparer.Ordinal);
        foreach (var alert in stored)
        {
            var current = Writes.Alerts.GetValueOrDefault(alert.Id) ?? alert;
            if (fits(current))
            {
                merged[alert.Id] = current;
            }
        }

        foreach (var pending in Writes.Alerts.Values)
        {
            if (!merged.ContainsKey(pending.Id) && fits(pending))
            {
                merged[pending.Id] = pending;
            }
        }

        return merged.Values.OrderBy(alert => alert.Id, StringComparer.Ordinal).ToList();
    }
}
