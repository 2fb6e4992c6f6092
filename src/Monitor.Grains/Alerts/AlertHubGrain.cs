using System.Globalization;
using Microsoft.Extensions.Options;
using Monitor.Abstractions.Alerts;
using Monitor.Storage;
using Orleans;
using Orleans.Runtime;

namespace Monitor.Grains.Alerts;

/// <summary>
/// The alert hub (key <see cref="AlertChangeFeed.HubKey"/>): one alert per episode id, acknowledgements, silences,
/// incidents across group members, and the ordered change log that live streams resume from.
/// </summary>
/// <remarks>
/// Per event the work is a dictionary lookup plus a scan of the alerts of the same group and kind (small), so it does not
/// grow with the number of alerts. A publish is durable before it returns: the state is written once per call, which the
/// <see cref="AlertRouter"/> makes once per batch of events. Only after the write are the changes pushed to the live feed.
/// </remarks>
[GrainType("alert-hub")]
public sealed class AlertHubGrain : Grain, IAlertHubGrain
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly IPersistentState<AlertHubState> _state;
    private readonly AlertChangeFeed _feed;
    private readonly TimeProvider _time;
    private readonly AlertHubOptions _options;
    private readonly Dictionary<(string Group, string Kind), List<string>> _alertsByGroupKind = [];
    private readonly Dictionary<(string Group, string Kind), List<string>> _incidentsByGroupKind = [];
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    public AlertHubGrain(
        [PersistentState("alert-hub", StorageServiceCollectionExtensions.DefaultProviderName)] IPersistentState<AlertHubState> state,
        AlertChangeFeed feed,
        TimeProvider time,
        IOptions<AlertHubOptions> options)
    {
        _state = state;
        _feed = feed;
        _time = time;
        _options = options.Value;
    }

    private AlertHubState State => _state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RebuildIndexes();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task PublishAsync(IReadOnlyList<EpisodeEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var now = _time.GetUtcNow();
        for (var i = 0; i < events.Count; i++)
        {
            Validate(events[i], i);
        }

        var changes = new List<AlertChange>();
        foreach (var episodeEvent in events)
        {
            Apply(episodeEvent, now, changes);
        }

        var pruned = PruneIfDue(now);
        if (changes.Count > 0 || pruned)
        {
            await CommitAsync(changes);
        }
    }

    /// <inheritdoc />
    public Task<AlertPage> QueryAsync(AlertQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > 1_000)
        {
            throw new ArgumentOutOfRangeException($"{nameof(query)}.{nameof(query.Limit)}", query.Limit, "The page size must be between 1 and 1000.");
        }

        var cursor = query.Cursor is null ? ((long Ticks, string Id)?)null : ParseCursor(query.Cursor);
        var matches = State.Alerts.Values
            .Where(alert => Matches(alert, query))
            .Where(alert => cursor is not { } c || Compare(alert, c.Ticks, c.Id) < 0)
            .OrderByDescending(alert => alert.Start.UtcTicks)
            .ThenByDescending(alert => alert.Id, StringComparer.Ordinal)
            .Take(query.Limit + 1)
            .ToList();
        string? next = null;
        if (matches.Count > query.Limit)
        {
            matches.RemoveAt(matches.Count - 1);
            var last = matches[^1];
            next = string.Create(CultureInfo.InvariantCulture, $"{last.Start.UtcTicks}:{last.Id}");
        }

        return Task.FromResult(new AlertPage(matches, next));
    }

    /// <inheritdoc />
    public Task<AlertView?> GetAsync(string alertId)
    {
        ArgumentException.ThrowIfNullOrEmpty(alertId);
        return Task.FromResult(State.Alerts.GetValueOrDefault(alertId));
    }

    /// <inheritdoc />
    public async Task<AlertView?> AcknowledgeAsync(string alertId, string? by)
    {
        ArgumentException.ThrowIfNullOrEmpty(alertId);
        if (!State.Alerts.TryGetValue(alertId, out var alert))
        {
            return null;
        }

        // Acknowledging is idempotent, and a resolved alert stays resolved.
        if (alert.Status != AlertStatuses.Open)
        {
            return alert;
        }

        var changes = new List<AlertChange>();
        alert = alert with { Status = AlertStatuses.Acknowledged, AcknowledgedBy = by, UpdatedAt = _time.GetUtcNow() };
        Store(alert);
        Record(AlertChangeNames.Acknowledged, alert, changes);
        await CommitAsync(changes);
        return alert;
    }

    /// <inheritdoc />
    public async Task<AlertView?> ResolveAsync(string alertId, string? by)
    {
        ArgumentException.ThrowIfNullOrEmpty(alertId);
        if (!State.Alerts.TryGetValue(alertId, out var alert))
        {
            return null;
        }

        if (alert.Status == AlertStatuses.Resolved)
        {
            return alert;
        }

        var changes = new List<AlertChange>();
        alert = alert with { Status = AlertStatuses.Resolved, AcknowledgedBy = alert.AcknowledgedBy ?? by, UpdatedAt = _time.GetUtcNow() };
        Store(alert);
        Record(AlertChangeNames.Resolved, alert, changes);
        await CommitAsync(changes);
        return alert;
    }

    /// <inheritdoc />
    public async Task<Silence> AddSilenceAsync(Silence silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        var now = _time.GetUtcNow();
        if (silence.ExpiresAt <= now)
        {
            throw new ArgumentOutOfRangeException($"{nameof(silence)}.{nameof(silence.ExpiresAt)}", silence.ExpiresAt, $"A silence must expire in the future (now is {now:O}).");
        }

        if (silence.Account is null && silence.Group is null && silence.Kind is null && silence.Severity is null)
        {
            throw new ArgumentException("A silence needs at least one matcher (account, group, kind or severity); none was given.", nameof(silence));
        }

        silence = silence with
        {
            Id = string.IsNullOrWhiteSpace(silence.Id) ? $"silence-{Guid.NewGuid():N}" : silence.Id,
            CreatedAt = silence.CreatedAt == default ? now : silence.CreatedAt,
        };
        State.Silences[silence.Id] = silence;
        var changes = new List<AlertChange>();
        RefreshSilencedFlags(now, changes);
        await CommitAsync(changes);
        return silence;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveSilenceAsync(string silenceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(silenceId);
        if (!State.Silences.Remove(silenceId))
        {
            return false;
        }

        var changes = new List<AlertChange>();
        RefreshSilencedFlags(_time.GetUtcNow(), changes);
        await CommitAsync(changes);
        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Silence>> ListSilencesAsync()
    {
        var now = _time.GetUtcNow();
        IReadOnlyList<Silence> active = State.Silences.Values
            .Where(silence => silence.ExpiresAt > now)
            .OrderBy(silence => silence.CreatedAt)
            .ThenBy(silence => silence.Id, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(active);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Incident>> ListIncidentsAsync()
    {
        IReadOnlyList<Incident> incidents = State.Incidents.Values
            .OrderByDescending(incident => incident.Start)
            .ThenBy(incident => incident.Id, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(incidents);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AlertChange>> ReadChangesAsync(long afterSequence, int max)
    {
        if (max < 1 || max > _options.MaxChangesPerRead)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"Must be between 1 and {_options.MaxChangesPerRead}.");
        }

        var changes = State.Changes;
        var start = FirstAfter(changes, afterSequence);
        IReadOnlyList<AlertChange> page = changes.GetRange(start, Math.Min(max, changes.Count - start));
        return Task.FromResult(page);
    }

    /// <inheritdoc />
    public Task<long> GetLastSequenceAsync() => Task.FromResult(State.LastSequence);

    private static void Validate(EpisodeEvent? episodeEvent, int index)
    {
        if (episodeEvent?.Episode is null)
        {
            throw new ArgumentNullException($"events[{index}]", "An episode event and its episode must not be null.");
        }

        if (episodeEvent.Change is not (AlertChangeNames.Opened or AlertChangeNames.Updated or AlertChangeNames.Resolved))
        {
            throw new ArgumentOutOfRangeException($"events[{index}].{nameof(EpisodeEvent.Change)}", episodeEvent.Change, "Must be opened, updated or resolved.");
        }

        if (string.IsNullOrEmpty(episodeEvent.Episode.Id) || string.IsNullOrEmpty(episodeEvent.Episode.Account) || string.IsNullOrEmpty(episodeEvent.Episode.Kind))
        {
            throw new ArgumentException($"Episode '{episodeEvent.Episode.Id}' of account '{episodeEvent.Episode.Account}' needs an id, an account and a kind.", $"events[{index}].{nameof(EpisodeEvent.Episode)}");
        }
    }

    private void Apply(EpisodeEvent episodeEvent, DateTimeOffset now, List<AlertChange> changes)
    {
        var episode = episodeEvent.Episode;
        var ended = episodeEvent.Change == AlertChangeNames.Resolved || episode.End is not null;
        AlertView alert;
        string change;
        AlertView? openedFirst = null;
        if (!State.Alerts.TryGetValue(episode.Id, out var existing))
        {
            alert = episode with
            {
                Status = ended ? AlertStatuses.Resolved : AlertStatuses.Open,
                IncidentId = null,
                AcknowledgedBy = null,
                Silenced = IsSilenced(episode, now),
                UpdatedAt = now,
            };
            change = ended ? AlertChangeNames.Resolved : AlertChangeNames.Opened;

            // An episode that opened and ended within one batch reaches the hub already ended (the account's outbox
            // merges its events); its stream still starts with opened, as every episode's does.
            openedFirst = ended ? alert with { Status = AlertStatuses.Open, End = null } : null;
        }
        else
        {
            // Events re-delivered after the episode ended (replay, retries) must not reopen or rewind it.
            if ((existing.End is not null && !ended) || SameFigures(existing, episode))
            {
                return;
            }

            var becomesResolved = ended && existing.Status != AlertStatuses.Resolved;
            alert = existing with
            {
                Kind = episode.Kind,
                FirstKind = episode.FirstKind ?? existing.FirstKind,
                Severity = episode.Severity,
                Start = episode.Start,
                PeakAt = episode.PeakAt,
                PeakFollowers = episode.PeakFollowers,
                End = episode.End,
                BaselineRatePerDay = episode.BaselineRatePerDay,
                ObservedRatePerDay = episode.ObservedRatePerDay,
                ZScore = episode.ZScore,
                Change = episode.Change,
                RelativeChange = episode.RelativeChange,
                Groups = episode.Groups,
                Status = becomesResolved ? AlertStatuses.Resolved : existing.Status,
                Silenced = existing.Status == AlertStatuses.Resolved ? existing.Silenced : IsSilenced(episode, now),
                UpdatedAt = now,
            };
            change = becomesResolved ? AlertChangeNames.Resolved : AlertChangeNames.Updated;
        }

        Store(alert);
        var joined = Correlate(alert, now);
        if (joined.IncidentId is { } incidentId && alert.IncidentId is null)
        {
            alert = alert with { IncidentId = incidentId };
            Store(alert);
        }

        if (openedFirst is not null)
        {
            Record(AlertChangeNames.Opened, openedFirst with { IncidentId = alert.IncidentId }, changes);
        }

        Record(change, alert, changes);
        foreach (var (memberId, memberIncident) in joined.OtherMembers)
        {
            var member = State.Alerts[memberId] with { IncidentId = memberIncident, UpdatedAt = now };
            Store(member);
            Record(AlertChangeNames.Updated, member, changes);
        }
    }

    /// <summary>
    /// Puts the alert into the incident of each of its groups where another member has an alert of the same kind within
    /// the correlation window; creates the incident when there is none. Returns the incident the alert belongs to (the
    /// first, when it is in several) and the other alerts that newly joined one.
    /// </summary>
    private (string? IncidentId, List<(string AlertId, string IncidentId)> OtherMembers) Correlate(AlertView alert, DateTimeOffset now)
    {
        string? alertIncident = null;
        var others = new List<(string, string)>();
        foreach (var group in alert.Groups.Distinct(StringComparer.Ordinal))
        {
            var key = (group, alert.Kind);
            var candidates = _alertsByGroupKind.TryGetValue(key, out var ids)
                ? ids.Where(id => id != alert.Id)
                    .Select(id => State.Alerts[id])
                    .Where(other => other.Account != alert.Account && Overlap(alert, other))
                    .ToList()
                : [];
            var incidentIds = _incidentsByGroupKind.TryGetValue(key, out var list) ? list : [];
            var incident = incidentIds.Select(id => State.Incidents[id])
                .FirstOrDefault(i => i.AlertIds.Contains(alert.Id) || candidates.Any(c => i.AlertIds.Contains(c.Id)));
            if (incident is null && candidates.Count == 0)
            {
                continue;
            }

            var memberIds = new SortedSet<string>(incident?.AlertIds ?? [], StringComparer.Ordinal) { alert.Id };
            foreach (var candidate in candidates)
            {
                memberIds.Add(candidate.Id);
            }

            var members = memberIds.Select(id => id == alert.Id ? alert : State.Alerts[id]).ToList();
            var start = members.Min(member => member.Start);
            var id = incident?.Id ?? string.Create(CultureInfo.InvariantCulture, $"incident-{group}-{alert.Kind}-{start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
            var updated = new Incident(
                id,
                group,
                alert.Kind,
                start,
                members.All(member => member.End is not null) ? members.Max(member => member.End) : null,
                [.. memberIds],
                [.. members.Select(member => member.Account).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
            if (incident is null)
            {
                AddToIndex(_incidentsByGroupKind, key, id);
            }

            State.Incidents[id] = updated;
            alertIncident ??= id;
            foreach (var member in members)
            {
                if (member.Id != alert.Id && member.IncidentId is null && !others.Any(o => o.Item1 == member.Id))
                {
                    others.Add((member.Id, id));
                }
            }
        }

        return (alertIncident, others);
    }

    private bool Overlap(AlertView a, AlertView b)
    {
        var window = _options.CorrelationWindow;
        return (b.End is not { } bEnd || a.Start <= bEnd + window) && (a.End is not { } aEnd || b.Start <= aEnd + window);
    }

    private static bool SameFigures(AlertView a, AlertView b) =>
        a.Kind == b.Kind && a.Severity == b.Severity && a.Start == b.Start && a.PeakAt == b.PeakAt
        && a.PeakFollowers == b.PeakFollowers && a.End == b.End && a.BaselineRatePerDay.Equals(b.BaselineRatePerDay)
        && a.ObservedRatePerDay.Equals(b.ObservedRatePerDay) && a.ZScore.Equals(b.ZScore) && a.Change == b.Change
        && a.RelativeChange.Equals(b.RelativeChange) && a.Groups.SequenceEqual(b.Groups, StringComparer.Ordinal);

    private bool IsSilenced(AlertView alert, DateTimeOffset now) =>
        State.Silences.Values.Any(silence => SilenceMatches(silence, alert, now));

    private static bool SilenceMatches(Silence silence, AlertView alert, DateTimeOffset now) =>
        silence.ExpiresAt > now
        && (silence.Account is null || string.Equals(silence.Account, alert.Account, StringComparison.Ordinal))
        && (silence.Group is null || alert.Groups.Contains(silence.Group, StringComparer.Ordinal))
        && (silence.Kind is null || string.Equals(silence.Kind, alert.Kind, StringComparison.OrdinalIgnoreCase))
        && (silence.Severity is null || string.Equals(silence.Severity, alert.Severity, StringComparison.OrdinalIgnoreCase));

    private void RefreshSilencedFlags(DateTimeOffset now, List<AlertChange> changes)
    {
        foreach (var alert in State.Alerts.Values.Where(alert => alert.Status != AlertStatuses.Resolved).ToList())
        {
            var silenced = IsSilenced(alert, now);
            if (silenced != alert.Silenced)
            {
                var updated = alert with { Silenced = silenced, UpdatedAt = now };
                Store(updated);
                Record(AlertChangeNames.Updated, updated, changes);
            }
        }
    }

    private static bool Matches(AlertView alert, AlertQuery query) =>
        (query.Status is null || string.Equals(alert.Status, query.Status, StringComparison.OrdinalIgnoreCase))
        && (query.Kind is null || string.Equals(alert.Kind, query.Kind, StringComparison.OrdinalIgnoreCase))
        && (query.Severity is null || string.Equals(alert.Severity, query.Severity, StringComparison.OrdinalIgnoreCase))
        && (query.Account is null || string.Equals(alert.Account, query.Account, StringComparison.Ordinal))
        && (query.Group is null || alert.Groups.Contains(query.Group, StringComparer.Ordinal))
        && (query.Since is not { } since || (alert.UpdatedAt ?? alert.Start) >= since);

    private static int Compare(AlertView alert, long ticks, string id)
    {
        var byTime = alert.Start.UtcTicks.CompareTo(ticks);
        return byTime != 0 ? byTime : string.CompareOrdinal(alert.Id, id);
    }

    private static (long Ticks, string Id) ParseCursor(string cursor)
    {
        var separator = cursor.IndexOf(':', StringComparison.Ordinal);
        if (separator < 1 || !long.TryParse(cursor.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            throw new ArgumentException($"The cursor '{cursor}' is not one this feed returned.", $"query.{nameof(AlertQuery.Cursor)}");
        }

        return (ticks, cursor[(separator + 1)..]);
    }

    private static int FirstAfter(List<AlertChange> changes, long sequence)
    {
        int low = 0, high = changes.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (changes[mid].Sequence <= sequence)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private void Store(AlertView alert)
    {
        if (!State.Alerts.ContainsKey(alert.Id))
        {
            foreach (var group in alert.Groups.Distinct(StringComparer.Ordinal))
            {
                AddToIndex(_alertsByGroupKind, (group, alert.Kind), alert.Id);
            }
        }

        State.Alerts[alert.Id] = alert;
    }

    private void Record(string change, AlertView alert, List<AlertChange> changes)
    {
        var entry = new AlertChange(++State.LastSequence, change, alert);
        State.Changes.Add(entry);
        changes.Add(entry);
    }

    private async Task CommitAsync(List<AlertChange> changes)
    {
        TrimChangeLog(_time.GetUtcNow());
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            // The in-memory state ran ahead of storage: go back to what is stored, so a retry applies the events again.
            await _state.ReadStateAsync();
            RebuildIndexes();
            throw;
        }

        if (changes.Count > 0)
        {
            _feed.Publish(changes);
        }
    }

    private void TrimChangeLog(DateTimeOffset now)
    {
        var log = State.Changes;
        var excess = log.Count - _options.ChangeLogCapacity;
        var cutoff = now - _options.ChangeLogRetention;
        var expired = 0;
        while (expired < log.Count && (log[expired].Alert.UpdatedAt ?? now) < cutoff)
        {
            expired++;
        }

        var remove = Math.Max(excess, expired);
        if (remove > 0)
        {
            log.RemoveRange(0, remove);
        }
    }

    private bool PruneIfDue(DateTimeOffset now)
    {
        if (now - _lastPrune < PruneInterval)
        {
            return false;
        }

        _lastPrune = now;
        var cutoff = now - _options.ResolvedAlertRetention;
        var oldAlerts = State.Alerts.Values
            .Where(alert => alert.Status == AlertStatuses.Resolved && (alert.End ?? alert.UpdatedAt ?? alert.Start) < cutoff)
            .Select(alert => alert.Id)
            .ToList();
        var oldSilences = State.Silences.Values.Where(silence => silence.ExpiresAt < cutoff).Select(silence => silence.Id).ToList();
        foreach (var id in oldAlerts)
        {
            State.Alerts.Remove(id);
        }

        foreach (var id in oldSilences)
        {
            State.Silences.Remove(id);
        }

        var oldIncidents = State.Incidents.Values
            .Where(incident => incident.AlertIds.All(id => !State.Alerts.ContainsKey(id)))
            .Select(incident => incident.Id)
            .ToList();
        foreach (var id in oldIncidents)
        {
            State.Incidents.Remove(id);
        }

        if (oldAlerts.Count + oldSilences.Count + oldIncidents.Count == 0)
        {
            return false;
        }

        RebuildIndexes();
        return true;
    }

    private void RebuildIndexes()
    {
        _alertsByGroupKind.Clear();
        _incidentsByGroupKind.Clear();
        foreach (var alert in State.Alerts.Values)
        {
            foreach (var group in alert.Groups.Distinct(StringComparer.Ordinal))
            {
                AddToIndex(_alertsByGroupKind, (group, alert.Kind), alert.Id);
            }
        }

        foreach (var incident in State.Incidents.Values)
        {
            AddToIndex(_incidentsByGroupKind, (incident.Group, incident.Kind), incident.Id);
        }
    }

    private static void AddToIndex(Dictionary<(string Group, string Kind), List<string>> index, (string Group, string Kind) key, string id)
    {
        if (!index.TryGetValue(key, out var ids))
        {
            ids = [];
            index.Add(key, ids);
        }

        ids.Add(id);
    }
}
