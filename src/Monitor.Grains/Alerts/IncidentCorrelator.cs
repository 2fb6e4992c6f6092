using System.Globalization;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts.Store;

namespace Monitor.Grains.Alerts;

/// <summary>
/// Incidents across group members: an alert joins the incident of each of its groups where another account has an alert
/// of the same kind within the correlation window, or starts one with the alerts it finds there.
/// </summary>
/// <param name="owns">Whether this hub correlates under a key (a shard owns only its bucket's groups and entities).</param>
internal sealed class IncidentCorrelator(TimeSpan window, Func<string, bool> owns)
{
    /// <summary>The alert's correlation keys this hub owns.</summary>
    public IEnumerable<string> KeysOf(AlertView alert) => AlertLabels.CorrelationKeys(alert).Where(owns);

    /// <summary>
    /// Puts the alert into the incident of each of its groups where another member has an alert of the same kind within
    /// the correlation window; creates the incident when there is none. Returns the incident the alert belongs to (the
    /// first, when it is in several) and the other alerts that newly joined one.
    /// </summary>
    public async Task<(string? IncidentId, List<(string AlertId, string IncidentId)> OtherMembers)> CorrelateAsync(AlertHubSession session, AlertView alert)
    {
        string? alertIncident = null;
        var others = new List<(string, string)>();
        foreach (var group in KeysOf(alert))
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
            var end = await session.IncidentEndAsync(incident?.Id, members.Keys, candidates.Prepend(alert));
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

    private bool Overlap(AlertView a, AlertView b) =>
        (b.End is not { } bEnd || a.Start <= bEnd + window) && (a.End is not { } aEnd || b.Start <= aEnd + window);
}
