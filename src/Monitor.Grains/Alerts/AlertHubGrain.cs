using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Abstractions.Alerts;
using Monitor.Core.Alerts;
using Monitor.Grains.Alerts.Store;
using Monitor.Grains.Entities;
using Monitor.Storage;
using Orleans;
using Orleans.Runtime;

namespace Monitor.Grains.Alerts;

/// <summary>
/// The alert hub (key <see cref="AlertChangeFeed.HubKey"/>): one alert per episode id, acknowledgements, silences,
/// domain inhibition, incidents across group members, and the ordered change log that live streams resume from.
/// </summary>
/// <remarks>
/// Everything lives in the alert store's tables (<see cref="IAlertStore"/>); the hub keeps only the last sequence and the
/// silences in memory. A call reads the rows it needs (the alert, the alerts of its group and kind near it in time, the
/// incident they form), and writes what changed in one transaction, so its cost follows the changes, not the alerts kept.
/// Only after the commit are the changes pushed to the live feed. The hub is one activation cluster-wide, so sequences are
/// consecutive; a second activation's write of a taken sequence fails (the change log's key), and it reloads.
/// </remarks>
[GrainType("alert-hub")]
public sealed partial class AlertHubGrain : Grain, IAlertHubGrain
{
    private static readonly string[] InhibitorKinds = ["outage", "unavailable"];
    private static readonly string[] InhibitableKinds = ["drop", "stall"];

    private readonly IPersistentState<AlertHubState> _legacy;
    private readonly IAlertStore _store;
    private readonly AlertChangeFeed _feed;
    private readonly TimeProvider _time;
    private readonly AlertHubOptions _options;
    private readonly ILogger<AlertHubGrain> _logger;
    private List<SilenceRule> _silences = [];
    private AlertCorroborator? _corroborator;
    private long _lastSequence;

    public AlertHubGrain(
        [PersistentState("alert-hub", StorageServiceCollectionExtensions.DefaultProviderName)] IPersistentState<AlertHubState> legacy,
        IAlertStore store,
        AlertChangeFeed feed,
        TimeProvider time,
        IOptions<AlertHubOptions> options,
        ILogger<AlertHubGrain> logger)
    {
        _legacy = legacy;
        _store = store;
        _feed = feed;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ImportLegacyStateAsync(cancellationToken);
        await LoadAsync(cancellationToken);
        this.RegisterGrainTimer(_ => PruneAsync(), new GrainTimerCreationOptions(_options.PruneInterval, _options.PruneInterval) { KeepAlive = false });
    }

    /// <inheritdoc />
    public async Task PublishAsync(IReadOnlyList<EpisodeEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        for (var i = 0; i < events.Count; i++)
        {
            Validate(events[i], i);
        }

        var started = Stopwatch.GetTimestamp();
        var now = _time.GetUtcNow();
        var session = NewSession();
        foreach (var episodeEvent in events)
        {
            await ApplyAsync(session, episodeEvent, now);
        }

        await CommitAsync(session);
        AlertStoreInstruments.PublishDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <inheritdoc />
    public Task<AlertPage> QueryAsync(AlertQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > 1_000)
        {
            throw new ArgumentOutOfRangeException($"{nameof(query)}.{nameof(query.Limit)}", query.Limit, "The page size must be between 1 and 1000.");
        }

        return _store.QueryAsync(query, CancellationToken.None);
    }

    /// <inheritdoc />
    public async Task<AlertView?> GetAsync(string alertId)
    {
        ArgumentException.ThrowIfNullOrEmpty(alertId);
        return (await _store.GetAlertsAsync([alertId], CancellationToken.None)).SingleOrDefault();
    }

    /// <inheritdoc />
    public Task<AlertView?> AcknowledgeAsync(string alertId, string? by) =>
        // Acknowledging is idempotent, and a resolved alert stays resolved.
        SetStatusAsync(alertId, AlertStatuses.Acknowledged, AlertChangeNames.Acknowledged,
            alert => alert.Status == AlertStatuses.Open, alert => by);

    /// <inheritdoc />
    public Task<AlertView?> ResolveAsync(string alertId, string? by) =>
        SetStatusAsync(alertId, AlertStatuses.Resolved, AlertChangeNames.Resolved,
            alert => alert.Status != AlertStatuses.Resolved, alert => alert.AcknowledgedBy ?? by);

    /// <inheritdoc />
    public async Task<Silence> AddSilenceAsync(Silence silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        var now = _time.GetUtcNow();
        if (silence.ExpiresAt <= now)
        {
            throw new ArgumentOutOfRangeException($"{nameof(silence)}.{nameof(silence.ExpiresAt)}", silence.ExpiresAt, $"A silence must expire in the future (now is {now:O}).");
        }

        if (silence.StartsAt is { } startsAt && startsAt >= silence.ExpiresAt)
        {
            throw new ArgumentOutOfRangeException($"{nameof(silence)}.{nameof(silence.StartsAt)}", startsAt, "A silence must start before it expires.");
        }

        var rule = new SilenceRule(silence with
        {
            Id = string.IsNullOrWhiteSpace(silence.Id) ? $"silence-{Guid.NewGuid():N}" : silence.Id,
            CreatedAt = silence.CreatedAt == default ? now : silence.CreatedAt,
        });
        if (!rule.HasMatchers)
        {
            throw new ArgumentException("A silence needs at least one matcher (account, group, platform, kind or severity); none was given.", nameof(silence));
        }

        var session = NewSession();
        session.Writes.Silences[rule.Silence.Id] = rule.Silence;
        var silences = _silences.Where(existing => existing.Silence.Id != rule.Silence.Id).Append(rule).ToList();
        await RefreshSilencedFlagsAsync(session, silences, now);
        await CommitAsync(session);
        _silences = silences;
        return rule.Silence;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveSilenceAsync(string silenceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(silenceId);
        var now = _time.GetUtcNow();
        var rule = _silences.FirstOrDefault(existing => existing.Silence.Id == silenceId);
        if (rule is null || rule.Silence.ExpiresAt <= now)
        {
            return false;
        }

        // Removing expires the silence now: it stays in the history, as Alertmanager's expired silences do.
        var expired = new SilenceRule(rule.Silence with { ExpiresAt = now });
        var session = NewSession();
        session.Writes.Silences[silenceId] = expired.Silence;
        var silences = _silences.Select(existing => existing.Silence.Id == silenceId ? expired : existing).ToList();
        await RefreshSilencedFlagsAsync(session, silences, now);
        await CommitAsync(session);
        _silences = silences;
        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Silence>> ListSilencesAsync()
    {
        var now = _time.GetUtcNow();
        IReadOnlyList<Silence> active = _silences
            .Where(rule => rule.Silence.ExpiresAt > now)
            .Select(rule => rule.Silence)
            .OrderBy(silence => silence.CreatedAt)
            .ThenBy(silence => silence.Id, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(active);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Silence>> ListSilenceHistoryAsync()
    {
        IReadOnlyList<Silence> all = _silences
            .Select(rule => rule.Silence)
            .OrderByDescending(silence => silence.CreatedAt)
            .ThenBy(silence => silence.Id, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(all);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Incident>> ListIncidentsAsync() => _store.ListIncidentsAsync(CancellationToken.None);

    /// <inheritdoc />
    public Task<IReadOnlyList<AlertChange>> ReadChangesAsync(long afterSequence, int max)
    {
        if (max < 1 || max > _options.MaxChangesPerRead)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"Must be between 1 and {_options.MaxChangesPerRead}.");
        }

        return _store.ReadChangesAsync(afterSequence, max, CancellationToken.None);
    }

    /// <inheritdoc />
    public Task<long> GetLastSequenceAsync() => Task.FromResult(_lastSequence);

    /// <inheritdoc />
    public async Task<int> PruneAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var now = _time.GetUtcNow();
        var removed = await _store.PruneAsync(
            new AlertRetention(now - _options.MaxEpisodeAge, _options.MaxAlerts, now - _options.ChangeLogRetention, _options.ChangeLogCapacity),
            CancellationToken.None);
        AlertStoreInstruments.Pruned.Add(removed);
        AlertStoreInstruments.PruneDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (removed > 0)
        {
            LogPruned(removed);
        }

        return removed;
    }

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

        var episode = episodeEvent.Episode;
        // An outage is about a platform, not an account: it names its platform and may leave the account empty.
        var hasSubject = !string.IsNullOrEmpty(episode.Account) || !string.IsNullOrEmpty(episode.Platform);
        if (string.IsNullOrEmpty(episode.Id) || !hasSubject || string.IsNullOrEmpty(episode.Kind))
        {
            throw new ArgumentException($"Episode '{episode.Id}' of account '{episode.Account}' needs an id, an account (or a platform) and a kind.", $"events[{index}].{nameof(EpisodeEvent.Episode)}");
        }
    }

    private AlertCorroborator Corroborator => _corroborator ??= new AlertCorroborator(GrainFactory);

    private AlertHubSession NewSession() => new(_store, _lastSequence, CancellationToken.None);

    private async Task<AlertView?> SetStatusAsync(string alertId, string status, string change, Func<AlertView, bool> applies, Func<AlertView, string?> by)
    {
        ArgumentException.ThrowIfNullOrEmpty(alertId);
        var session = NewSession();
        var alert = await session.GetAsync(alertId);
        if (alert is null || !applies(alert))
        {
            return alert;
        }

        alert = alert with { Status = status, AcknowledgedBy = by(alert), UpdatedAt = _time.GetUtcNow() };
        session.Put(alert);
        session.Record(change, alert);
        if (status == AlertStatuses.Resolved && AlertInhibition.Inhibits(alert.Kind))
        {
            await ReleaseInhibitedAsync(session, alert, alert.UpdatedAt!.Value);
        }

        await CommitAsync(session);
        return alert;
    }

    private async Task ApplyAsync(AlertHubSession session, EpisodeEvent episodeEvent, DateTimeOffset now)
    {
        var episode = episodeEvent.Episode with { Kind = episodeEvent.Episode.Kind.ToLowerInvariant() };
        var ended = episodeEvent.Change == AlertChangeNames.Resolved || episode.End is not null;
        AlertView alert;
        string change;
        AlertView? openedFirst = null;
        var existing = await session.GetAsync(episode.Id);
        if (existing is null)
        {
            alert = episode with
            {
                Platform = episode.Platform ?? AlertLabels.PlatformOf(episode),
                Status = ended ? AlertStatuses.Resolved : AlertStatuses.Open,
                IncidentId = null,
                AcknowledgedBy = null,
                Silenced = IsSilenced(episode, now),
                InhibitedBy = null,
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
                Silenced = existing.Status == AlertStatuses.Resolved ? existing.Silenced : IsSilenced(episode with { Platform = existing.Platform }, now),
                UpdatedAt = now,
            };
            change = becomesResolved ? AlertChangeNames.Resolved : AlertChangeNames.Updated;
        }

        alert = await Corroborator.AttachAsync(alert);
        alert = alert with { InhibitedBy = alert.Status == AlertStatuses.Resolved ? existing?.InhibitedBy : await InhibitorOfAsync(session, alert) };
        session.Put(alert);
        var joined = await CorrelateAsync(session, alert, now);
        if (joined.IncidentId is { } incidentId && alert.IncidentId is null)
        {
            alert = alert with { IncidentId = incidentId };
            session.Put(alert);
        }

        if (openedFirst is not null)
        {
            session.Record(AlertChangeNames.Opened, openedFirst with { IncidentId = alert.IncidentId, InhibitedBy = alert.InhibitedBy });
        }

        session.Record(change, alert);
        foreach (var (memberId, memberIncident) in joined.OtherMembers)
        {
            var member = (await session.GetAsync(memberId))! with { IncidentId = memberIncident, UpdatedAt = now };
            session.Put(member);
            session.Record(AlertChangeNames.Updated, member);
        }

        await EntityCorroboration.RereadSiblingsAsync(session, Corroborator, alert, _options.CorrelationWindow, now);

        if (AlertInhibition.Inhibits(alert.Kind))
        {
            if (alert.Status == AlertStatuses.Resolved || alert.End is not null)
            {
                await ReleaseInhibitedAsync(session, alert, now);
            }
            else
            {
                await InhibitExplainedAsync(session, alert, now);
            }
        }
    }

    /// <summary>The open alert that explains <paramref name="alert"/> (an outage of its platform, its account unavailable), if any.</summary>
    private static async Task<string?> InhibitorOfAsync(AlertHubSession session, AlertView alert)
    {
        if (!AlertInhibition.CanBeInhibited(alert.Kind) || alert.End is not null)
        {
            return null;
        }

        var platform = AlertLabels.PlatformOf(alert);
        var inhibitors = await session.FindUnresolvedAsync(InhibitorKinds, platform, null);
        return inhibitors
            .Where(inhibitor => inhibitor.End is null && inhibitor.Id != alert.Id
                && AlertInhibition.Explains(inhibitor.Kind, AlertLabels.PlatformOf(inhibitor), inhibitor.Account, alert.Kind, platform, alert.Account))
            .Select(inhibitor => inhibitor.Id)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Marks the open drop and stall alerts that <paramref name="inhibitor"/> explains as inhibited by it.</summary>
    private static async Task InhibitExplainedAsync(AlertHubSession session, AlertView inhibitor, DateTimeOffset now)
    {
        var platform = AlertLabels.PlatformOf(inhibitor);
        var account = string.Equals(inhibitor.Kind, "unavailable", StringComparison.OrdinalIgnoreCase) ? inhibitor.Account : null;
        foreach (var target in await session.FindUnresolvedAsync(InhibitableKinds, platform, account))
        {
            if (target.InhibitedBy is null && target.End is null
                && AlertInhibition.Explains(inhibitor.Kind, platform, inhibitor.Account, target.Kind, AlertLabels.PlatformOf(target), target.Account))
            {
                var inhibited = target with { InhibitedBy = inhibitor.Id, UpdatedAt = now };
                session.Put(inhibited);
                session.Record(AlertChangeNames.Updated, inhibited);
            }
        }
    }

    /// <summary>The alerts <paramref name="inhibitor"/> inhibited look for another inhibitor, or are inhibited no more.</summary>
    private static async Task ReleaseInhibitedAsync(AlertHubSession session, AlertView inhibitor, DateTimeOffset now)
    {
        var platform = AlertLabels.PlatformOf(inhibitor);
        foreach (var target in await session.FindUnresolvedAsync(InhibitableKinds, platform, null))
        {
            if (target.InhibitedBy == inhibitor.Id)
            {
                var released = target with { InhibitedBy = await InhibitorOfAsync(session, target), UpdatedAt = now };
                session.Put(released);
                session.Record(AlertChangeNames.Updated, released);
            }
        }
    }

    /// <summary>
    /// Puts the alert into the incident of each of its groups where another member has an alert of the same kind within
    /// the correlation window; creates the incident when there is none. Returns the incident the alert belongs to (the
    /// first, when it is in several) and the other alerts that newly joined one.
    /// </summary>
    private async Task<(string? IncidentId, List<(string AlertId, string IncidentId)> OtherMembers)> CorrelateAsync(
        AlertHubSession session, AlertView alert, DateTimeOffset now)
    {
        string? alertIncident = null;
        var others = new List<(string, string)>();
        var window = _options.CorrelationWindow;
        foreach (var group in AlertLabels.CorrelationKeys(alert))
        {
            // Only alerts in no incident yet are read: members of the incident are found through it, so a purge across a
            // group reads each alert once as a candidate, not once per later member.
            var from = alert.Start - window;
            var to = alert.End + window;
            var candidates = (await session.FindUnincidentedInGroupAsync(group, alert.Kind, from, to))
                .Where(other => other.Id != alert.Id && other.Account != alert.Account && Overlap(alert, other))
                .ToList();
            var incident = await session.FindIncidentNearAsync(group, alert.Kind, alert.Id, alert.Account, from, to);
            if (incident is null && candidates.Count == 0)
            {
                continue;
            }

            var members = new Dictionary<string, string>(incident?.Members ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            var joining = new List<(string AlertId, string Account)>();
            foreach (var member in candidates.Prepend(alert))
            {
                if (members.TryAdd(member.Id, member.Account))
                {
                    joining.Add((member.Id, member.Account));
                }
            }

            var start = candidates.Select(c => c.Start).Append(alert.Start).Append(incident?.Start ?? DateTimeOffset.MaxValue).Min();
            var end = await IncidentEndAsync(session, members.Keys, alert, candidates);
            var id = incident?.Id ?? string.Create(CultureInfo.InvariantCulture, $"incident-{group}-{alert.Kind}-{start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
            session.PutIncident(new StoredIncident(id, group, alert.Kind, start, end, members), joining);
            alertIncident ??= id;
            foreach (var candidate in candidates)
            {
                if (candidate.IncidentId is null && !others.Any(o => o.Item1 == candidate.Id))
                {
                    others.Add((candidate.Id, id));
                }
            }
        }

        return (alertIncident, others);
    }

    /// <summary>The latest end of the members when every one has ended, else null (reads the members only when it can be set).</summary>
    private static async Task<DateTimeOffset?> IncidentEndAsync(AlertHubSession session, IReadOnlyCollection<string> memberIds, AlertView alert, List<AlertView> candidates)
    {
        if (alert.End is null || candidates.Any(c => c.End is null))
        {
            return null;
        }

        var members = await session.GetManyAsync(memberIds);
        return members.All(member => member.End is not null) ? members.Max(member => member.End) : null;
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

    private bool IsSilenced(AlertView alert, DateTimeOffset now) => IsSilenced(_silences, alert, now);

    private static bool IsSilenced(List<SilenceRule> silences, AlertView alert, DateTimeOffset now) =>
        silences.Any(rule => rule.Mutes(alert, now));

    private async Task RefreshSilencedFlagsAsync(AlertHubSession session, List<SilenceRule> silences, DateTimeOffset now)
    {
        foreach (var alert in await _store.ListUnresolvedAsync(CancellationToken.None))
        {
            var silenced = IsSilenced(silences, alert, now);
            if (silenced != alert.Silenced)
            {
                var updated = alert with { Silenced = silenced, UpdatedAt = now };
                session.Put(updated);
                session.Record(AlertChangeNames.Updated, updated);
            }
        }
    }

    private async Task CommitAsync(AlertHubSession session)
    {
        if (session.Writes.IsEmpty)
        {
            return;
        }

        try
        {
            await _store.CommitAsync(session.Writes, CancellationToken.None);
        }
        catch
        {
            // Another activation may have written meanwhile: start again from what is stored.
            await LoadAsync(CancellationToken.None);
            throw;
        }

        _lastSequence = session.LastSequence;
        if (session.Writes.Changes.Count > 0)
        {
            _feed.Publish(session.Writes.Changes);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        _lastSequence = await _store.GetLastSequenceAsync(cancellationToken);
        _silences = (await _store.ListSilencesAsync(cancellationToken)).Select(silence => new SilenceRule(silence)).ToList();
    }

    /// <summary>Moves the hub state an older release kept as one grain-state row into the tables, once.</summary>
    private async Task ImportLegacyStateAsync(CancellationToken cancellationToken)
    {
        if (!_legacy.RecordExists)
        {
            return;
        }

        var legacy = _legacy.State;
        if (await _store.GetLastSequenceAsync(cancellationToken) == 0 && await _store.CountAlertsAsync(cancellationToken) == 0)
        {
            var writes = new AlertStoreWrites();
            foreach (var alert in legacy.Alerts.Values)
            {
                writes.Alerts[alert.Id] = alert with { Platform = alert.Platform ?? AlertLabels.PlatformOf(alert) };
            }

            foreach (var silence in legacy.Silences.Values)
            {
                writes.Silences[silence.Id] = silence;
            }

            foreach (var incident in legacy.Incidents.Values)
            {
                var members = incident.AlertIds.ToDictionary(id => id, id => legacy.Alerts.GetValueOrDefault(id)?.Account ?? string.Empty, StringComparer.Ordinal);
                writes.Incidents[incident.Id] = new StoredIncident(incident.Id, incident.Group, incident.Kind, incident.Start, incident.End, members);
                writes.NewMembers.AddRange(members.Select(member => (incident.Id, member.Key, member.Value)));
            }

            writes.Changes.AddRange(legacy.Changes);
            await _store.CommitAsync(writes, cancellationToken);
            LogImported(legacy.Alerts.Count, legacy.Silences.Count, legacy.Changes.Count);
        }

        await _legacy.ClearStateAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert retention removed {Count} alerts")]
    private partial void LogPruned(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved the alert hub's state into the alert store: {Alerts} alerts, {Silences} silences, {Changes} changes")]
    private partial void LogImported(int alerts, int silences, int changes);
}
