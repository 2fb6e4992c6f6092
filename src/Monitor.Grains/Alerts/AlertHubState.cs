using Monitor.Abstractions.Alerts;

namespace Monitor.Grains.Alerts;

/// <summary>
/// The hub's state as releases before the alert store kept it (one grain-state row). Read once, moved into the alert
/// store's tables and cleared by <see cref="AlertHubGrain"/>.
/// </summary>
public sealed class AlertHubState
{
    /// <summary>Every alert by alert id (the episode id).</summary>
    public Dictionary<string, AlertView> Alerts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Silences by id.</summary>
    public Dictionary<string, Silence> Silences { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Incidents by id.</summary>
    public Dictionary<string, Incident> Incidents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The retained changes, in sequence order.</summary>
    public List<AlertChange> Changes { get; set; } = [];

    /// <summary>The sequence of the most recent change (0 before the first).</summary>
    public long LastSequence { get; set; }
}
