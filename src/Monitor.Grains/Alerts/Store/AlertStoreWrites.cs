using Monitor.Abstractions.Alerts;

namespace Monitor.Grains.Alerts.Store;

/// <summary>What one hub call changes, written by <see cref="IAlertStore.CommitAsync"/> in one transaction.</summary>
public sealed class AlertStoreWrites
{
    /// <summary>Alerts to insert or replace, by id.</summary>
    public Dictionary<string, AlertView> Alerts { get; } = new(StringComparer.Ordinal);

    /// <summary>Incident headers to insert or replace, by id.</summary>
    public Dictionary<string, StoredIncident> Incidents { get; } = new(StringComparer.Ordinal);

    /// <summary>Members that joined an incident: (incident id, alert id, account).</summary>
    public List<(string IncidentId, string AlertId, string Account)> NewMembers { get; } = [];

    /// <summary>Changes to append, in sequence order.</summary>
    public List<AlertChange> Changes { get; } = [];

    /// <summary>Silences to insert or replace, by id.</summary>
    public Dictionary<string, Silence> Silences { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Alerts.Count == 0 && Incidents.Count == 0 && NewMembers.Count == 0 && Changes.Count == 0 && Silences.Count == 0;
}
