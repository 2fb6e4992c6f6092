using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts.Store;
using Monitor.Grains.Entities;

namespace Monitor.Grains.Alerts;

/// <summary>
/// Turns one episode event into the alert's new version within a hub call: creates or updates the alert (never reopening
/// or rewinding an ended one), attaches its entity's cross-platform reading, marks it silenced or inhibited, correlates it
/// into incidents and records its changes.
/// </summary>
/// <param name="sharded">
/// Whether other hub shards receive the episode too (for their groups): then an alert another shard already stored with
/// these figures is still correlated into this shard's incidents.
/// </param>
internal sealed class EpisodeApplier(IncidentCorrelator correlator, HubSilences silences, AlertCorroborator corroborator, TimeSpan correlationWindow, bool sharded)
{
    /// <summary>
    /// Reads what a batch's events will look up, one call each: their alerts, their accounts' entities (the lookup
    /// returned), and the incidents and unincidented alerts near each in its correlation groups.
    /// </summary>
    public async Task<EntityLookup> PrefetchAsync(AlertHubSession session, IReadOnlyList<EpisodeEvent> events)
    {
        var episodes = events.Select(episodeEvent => episodeEvent.Episode with { Kind = episodeEvent.Episode.Kind.ToLowerInvariant() }).ToList();
        await session.PrefetchAsync(episodes.Select(episode => episode.Id));
        var entities = corroborator.NewLookup();
        await entities.PrefetchAsync(episodes.Select(episode => episode.Account));
        session.ShareCorrelationReads(episodes, correlationWindow);
        var questions = new List<IncidentProximity>();
        foreach (var episode in episodes)
        {
            // As ApplyAsync will correlate it: under its entity's key (when it has one) and its groups.
            var entity = string.IsNullOrEmpty(episode.Account) ? null : await entities.FindAsync(episode.Account);
            questions.AddRange(correlator.KeysOf(episode with { Entity = entity?.Id }).Select(group =>
                new IncidentProximity(group, episode.Kind, episode.Id, episode.Account, episode.Start - correlationWindow, episode.End + correlationWindow)));
        }

        await session.PrefetchCorrelationAsync(questions);
        return entities;
    }

    public async Task ApplyAsync(AlertHubSession session, EntityLookup entities, EpisodeEvent episodeEvent, DateTimeOffset now)
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
                Silenced = silences.Mutes(episode, now),
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
                if (sharded)
                {
                    await JoinIncidentsAsync(session, existing, now);
                }

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
                Silenced = existing.Status == AlertStatuses.Resolved ? existing.Silenced : silences.Mutes(episode with { Platform = existing.Platform }, now),
                UpdatedAt = now,
            };
            change = becomesResolved ? AlertChangeNames.Resolved : AlertChangeNames.Updated;
        }

        alert = await corroborator.AttachAsync(alert, entities);
        alert = alert with { InhibitedBy = alert.Status == AlertStatuses.Resolved ? existing?.InhibitedBy : await HubInhibition.InhibitorOfAsync(session, alert) };
        session.Put(alert);
        var joined = await correlator.CorrelateAsync(session, alert);
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
        await UpdateOtherMembersAsync(session, joined.OtherMembers, now);

        await EntityCorroboration.RereadSiblingsAsync(session, corroborator, entities, alert, correlationWindow, now);
        await HubInhibition.ApplyAsync(session, alert, now);
    }

    /// <summary>
    /// Correlates an alert another shard stored into this shard's incidents (its figures unchanged): an incident it joins
    /// is an <c>updated</c> change when the alert had none.
    /// </summary>
    private async Task JoinIncidentsAsync(AlertHubSession session, AlertView existing, DateTimeOffset now)
    {
        var joined = await correlator.CorrelateAsync(session, existing);
        if (joined.IncidentId is { } incidentId && existing.IncidentId is null)
        {
            var alert = existing with { IncidentId = incidentId, UpdatedAt = now };
            session.Put(alert);
            session.Record(AlertChangeNames.Updated, alert);
        }

        await UpdateOtherMembersAsync(session, joined.OtherMembers, now);
    }

    private static async Task UpdateOtherMembersAsync(AlertHubSession session, List<(string AlertId, string IncidentId)> others, DateTimeOffset now)
    {
        foreach (var (memberId, memberIncident) in others)
        {
            var member = (await session.GetAsync(memberId))! with { IncidentId = memberIncident, UpdatedAt = now };
            session.Put(member);
            session.Record(AlertChangeNames.Updated, member);
        }
    }

    private static bool SameFigures(AlertView a, AlertView b) =>
        a.Kind == b.Kind && a.Severity == b.Severity && a.Start == b.Start && a.PeakAt == b.PeakAt
        && a.PeakFollowers == b.PeakFollowers && a.End == b.End && a.BaselineRatePerDay.Equals(b.BaselineRatePerDay)
        && a.ObservedRatePerDay.Equals(b.ObservedRatePerDay) && a.ZScore.Equals(b.ZScore) && a.Change == b.Change
        && a.RelativeChange.Equals(b.RelativeChange) && a.Groups.SequenceEqual(b.Groups, StringComparer.Ordinal);
}
