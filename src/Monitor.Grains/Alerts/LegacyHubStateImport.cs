using Monitor.Grains.Alerts.Store;

namespace Monitor.Grains.Alerts;

/// <summary>The hub state older releases kept as one grain-state row, as writes into the alert store's tables.</summary>
internal static class LegacyHubStateImport
{
    public static AlertStoreWrites ToWrites(AlertHubState legacy)
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
        return writes;
    }
}
