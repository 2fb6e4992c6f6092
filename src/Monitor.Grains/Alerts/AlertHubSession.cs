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

    /// <summary>Alerts of <paramref name="kind"/> in <paramref name="group"/> overlapping [from, to], pending versions included.</summary>
    public async Task<IReadOnlyList<AlertView>> FindInGroupAsync(string group, string kind, DateTimeOffset from, DateTimeOffset? to)
    {
        bool Fits(AlertView alert) =>
            string.Equals(alert.Kind, kind, StringComparison.OrdinalIgnoreCase) && alert.Groups.Contains(group, StringComparer.Ordinal)
            && (alert.End is not { } end || end >= from) && (to is not { } until || alert.Start <= until);
        var stored = await store.FindInGroupAsync(group, kind.ToLowerInvariant(), from, to, cancellationToken).ConfigureAwait(false);
        return Merge(stored, Fits);
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

    /// <summary>The incident of <paramref name="group"/> and <paramref name="kind"/> holding one of <paramref name="alertIds"/>, if any.</summary>
    public async Task<StoredIncident?> FindIncidentAsync(string group, string kind, IReadOnlyCollection<string> alertIds)
    {
        bool Holds(StoredIncident incident) =>
            incident.Group == group && string.Equals(incident.Kind, kind, StringComparison.OrdinalIgnoreCase) && alertIds.Any(incident.Members.ContainsKey);
        var known = _incidents.Values.Where(Holds).OrderBy(incident => incident.Id, StringComparer.Ordinal).FirstOrDefault();
        if (known is not null)
        {
            return known;
        }

        foreach (var incident in await store.FindIncidentsAsync(group, kind.ToLowerInvariant(), alertIds, cancellationToken).ConfigureAwait(false))
        {
            _incidents.TryAdd(incident.Id, incident);
        }

        return _incidents.Values.Where(Holds).OrderBy(incident => incident.Id, StringComparer.Ordinal).FirstOrDefault();
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
