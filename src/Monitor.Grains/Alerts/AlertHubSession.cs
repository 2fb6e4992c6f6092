using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts.Store;

namespace Monitor.Grains.Alerts;

/// <summary>
/// One hub call's view of the store: reads see the call's own pending writes, which <see cref="Writes"/> collects for one
/// commit; changes get consecutive sequences in the order recorded (the hub renumbers them after the last committed one
/// when it commits). It remembers every stored alert it saw, so the hub can tell whether an operator's action committed
/// meanwhile touched what this call read, and the inhibition questions it asked, so its commit can tell whether another
/// hub activation (a shard, or the operator hub) committed meanwhile over what it read (<see cref="IsStale"/>).
/// </summary>
/// <param name="lastSequence">The change log's last sequence as known before the call's first read: its commit checks the changes after it.</param>
internal sealed class AlertHubSession(IAlertStore store, long lastSequence, CancellationToken cancellationToken)
{
    private static readonly TimeSpan MaxSharedSpan = TimeSpan.FromDays(30);

    private readonly Dictionary<string, AlertView?> _read = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredIncident> _incidents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<AlertView>> _unresolved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<AlertView>> _unincidented = new(StringComparer.Ordinal);
    private readonly Dictionary<IncidentProximity, IReadOnlyList<string>> _near = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<(IReadOnlyCollection<string> Kinds, string Platform, string? Account)> _inhibitionQuestions = [];
    private (DateTimeOffset From, DateTimeOffset? To)? _span;

    public AlertStoreWrites Writes { get; } = new();

    public long LastSequence { get; private set; } = lastSequence;

    /// <summary>The sequence this call's reads are at least as new as.</summary>
    public long ReadAt { get; } = lastSequence;

    /// <summary>How many prunes the store had counted before the call's first read (<see cref="IAlertStore.GetPrunesAsync"/>).</summary>
    public long Prunes { get; init; }

    /// <summary>
    /// Whether what committed after <see cref="ReadAt"/> may have changed what this call read: an alert it read or writes,
    /// an alert answering one of its inhibition questions, or the silences (<paramref name="silences"/> is what it used);
    /// or a prune, which may have deleted what it read without a change in the log.
    /// </summary>
    public bool IsStale(CommitCheck check, SilenceFingerprint silences)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (check.TooMany || check.Silences != silences || check.Prunes != Prunes)
        {
            return true;
        }

        return check.Changed.Any(changed => _seen.Contains(changed.Id) || Writes.Alerts.ContainsKey(changed.Id) || _inhibitionQuestions.Any(question =>
            string.Equals(question.Platform, changed.Platform, StringComparison.OrdinalIgnoreCase) && question.Kinds.Contains(changed.Kind ?? string.Empty, StringComparer.OrdinalIgnoreCase)
            && (question.Account is null || question.Account == changed.Account)));
    }

    /// <summary>Whether this call read or wrote any of <paramref name="alertIds"/>.</summary>
    public bool Saw(IEnumerable<string> alertIds) => alertIds.Any(id => _seen.Contains(id) || Writes.Alerts.ContainsKey(id));

    /// <summary>Reads the stored alerts among <paramref name="alertIds"/> not read yet, in one query.</summary>
    public async Task PrefetchAsync(IEnumerable<string> alertIds)
    {
        var missing = alertIds.Where(id => !Writes.Alerts.ContainsKey(id) && !_read.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        var found = await store.GetAlertsAsync(missing, cancellationToken).ConfigureAwait(false);
        foreach (var id in missing)
        {
            _read[id] = null;
        }

        foreach (var alert in found)
        {
            _read[alert.Id] = alert;
            _seen.Add(alert.Id);
        }
    }

    /// <summary>
    /// Lets the correlation reads of a batch of <paramref name="episodes"/> share one read per group and kind, over the
    /// time all of them (widened by <paramref name="window"/>) cover; a batch spread over more than <see cref="MaxSharedSpan"/> reads per episode.
    /// </summary>
    public void ShareCorrelationReads(IReadOnlyCollection<AlertView> episodes, TimeSpan window)
    {
        if (episodes.Count < 2 || episodes.Max(e => e.Start) - episodes.Min(e => e.Start) > MaxSharedSpan)
        {
            return;
        }

        _span = (episodes.Min(e => e.Start) - window, episodes.Any(e => e.End is null) ? null : episodes.Max(e => e.End!.Value) + window);
    }

    /// <summary>
    /// Reads the correlation lookups a batch will make in one query each: the incidents near each of
    /// <paramref name="questions"/> (and those incidents), and, when the batch shares its reads
    /// (<see cref="ShareCorrelationReads"/>), the alerts in no incident of each group and kind.
    /// </summary>
    public async Task PrefetchCorrelationAsync(IEnumerable<IncidentProximity> questions)
    {
        var asked = questions.Where(question => !_near.ContainsKey(question)).Distinct().ToList();
        var answers = await store.FindIncidentIdsNearAsync(asked, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < asked.Count; i++)
        {
            _near[asked[i]] = answers[i];
        }

        await LoadIncidentsAsync(answers.SelectMany(ids => ids)).ConfigureAwait(false);
        if (_span is not { } span)
        {
            return;
        }

        var groupKinds = asked.Select(question => (question.Group, question.Kind)).Distinct()
            .Where(pair => !_unincidented.ContainsKey(SharedKey(pair.Group, pair.Kind))).ToList();
        var lists = await store.FindUnincidentedInGroupsAsync(groupKinds, span.From, span.To, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < groupKinds.Count; i++)
        {
            _unincidented[SharedKey(groupKinds[i].Group, groupKinds[i].Kind)] = lists[i];
            Saw(lists[i]);
        }
    }

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
            _seen.Add(alertId);
        }

        return stored;
    }

    /// <summary>
    /// The latest end of the incident's members when every one has ended, else null (<see cref="IncidentEnd"/>).
    /// </summary>
    /// <param name="storedIncidentId">The incident as stored, or null for one this call creates (all its members are known).</param>
    public Task<DateTimeOffset?> IncidentEndAsync(string? storedIncidentId, IReadOnlyCollection<string> memberIds, IEnumerable<AlertView> known) =>
        IncidentEnd.SettleAsync(store, storedIncidentId, memberIds, known,
            id => Writes.Alerts.GetValueOrDefault(id), id => Writes.Alerts.GetValueOrDefault(id) ?? _read.GetValueOrDefault(id), cancellationToken);

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
        IReadOnlyList<AlertView> stored;
        if (_span is { } span && from >= span.From && (span.To is null || (to is not null && to <= span.To)))
        {
            // A superset (the batch's span) read once; Merge keeps what overlaps this episode's window.
            var key = SharedKey(group, kind.ToLowerInvariant());
            if (!_unincidented.TryGetValue(key, out var shared))
            {
                shared = (await store.FindUnincidentedInGroupsAsync([(group, kind.ToLowerInvariant())], span.From, span.To, cancellationToken).ConfigureAwait(false))[0];
                _unincidented[key] = shared;
                Saw(shared);
            }

            stored = shared;
        }
        else
        {
            stored = (await store.FindUnincidentedInGroupsAsync([(group, kind.ToLowerInvariant())], from, to, cancellationToken).ConfigureAwait(false))[0];
            Saw(stored);
        }

        return Merge(stored, alert => Overlaps(alert, group, kind, from, to) && !InKnownIncident(alert.Id, group, kind));
    }

    /// <summary>
    /// The incident of <paramref name="group"/> and <paramref name="kind"/> holding <paramref name="alertId"/> or a member of
    /// another account overlapping [from, to], if any (the first by id), this call's pending ones included.
    /// </summary>
    public async Task<StoredIncident?> FindIncidentNearAsync(string group, string kind, string alertId, string account, DateTimeOffset from, DateTimeOffset? to)
    {
        var question = new IncidentProximity(group, kind.ToLowerInvariant(), alertId, account, from, to);
        if (!_near.TryGetValue(question, out var storedIds))
        {
            storedIds = (await store.FindIncidentIdsNearAsync([question], cancellationToken).ConfigureAwait(false))[0];
        }

        await LoadIncidentsAsync(storedIds).ConfigureAwait(false);

        // Members that joined during this call are not in the tables yet: look for them among the pending alerts.
        var pendingNear = Writes.Alerts.Values
            .Where(alert => alert.Account != account && Overlaps(alert, group, kind, from, to))
            .Select(alert => alert.Id)
            .ToHashSet(StringComparer.Ordinal);
        bool Near(StoredIncident incident) =>
            incident.Members.ContainsKey(alertId) || (Writes.Incidents.ContainsKey(incident.Id) && incident.Members.Keys.Any(pendingNear.Contains));
        var nearIds = storedIds.ToHashSet(StringComparer.Ordinal);
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
        // The hub commits at the end of the call, and a commit by another activation meanwhile that answers this question
        // makes the call stale (IsStale): one read per question serves every event of a batch (pending versions are merged in each time).
        var key = $"{string.Join(',', kinds)}|{platform}|{account}";
        if (!_unresolved.TryGetValue(key, out var stored))
        {
            _inhibitionQuestions.Add((kinds, platform, account));
            stored = await store.FindUnresolvedAsync(kinds, platform, account, cancellationToken).ConfigureAwait(false);
            _unresolved[key] = stored;
            Saw(stored);
        }

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

    /// <summary>Reads the incidents among <paramref name="incidentIds"/> not known yet, in one query.</summary>
    private async Task LoadIncidentsAsync(IEnumerable<string> incidentIds)
    {
        // An incident read earlier in this call is known (with this call's members): its members are not read again.
        var unread = incidentIds.Where(id => !_incidents.ContainsKey(id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (unread.Count == 0)
        {
            return;
        }

        foreach (var incident in await store.LoadIncidentsAsync(unread, cancellationToken).ConfigureAwait(false))
        {
            _incidents.TryAdd(incident.Id, incident);
        }
    }

    /// <summary>
    /// Notes alerts a query returned, as this call's version of them. Another hub shard may have stored one after this call
    /// read it as missing: the newer read replaces that, so the call works on one version (its commit is then stale and
    /// computed again). An alert not read yet is kept as returned, not read again: a prune on <c>global</c> may remove it
    /// meanwhile, and the call would then find a group member it correlated with missing (the commit is stale then too).
    /// </summary>
    private void Saw(IReadOnlyList<AlertView> alerts)
    {
        foreach (var alert in alerts)
        {
            _seen.Add(alert.Id);
            if (!_read.TryGetValue(alert.Id, out var known) || known is null)
            {
                _read[alert.Id] = alert;
            }
        }
    }

    private static string SharedKey(string group, string kind) => $"{group}|{kind}";

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
