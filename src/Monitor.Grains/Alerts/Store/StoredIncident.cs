namespace Monitor.Grains.Alerts.Store;

/// <summary>An incident as the store keeps it: its header and its members (alert id to account).</summary>
public sealed record StoredIncident(string Id, string Group, string Kind, DateTimeOffset Start, DateTimeOffset? End, IReadOnlyDictionary<string, string> Members);
