namespace Monitor.Benchmarks.Alerts;

/// <summary>An incident row of a seed: its group and kind, and its span in UTC ticks (end null while a member is open).</summary>
public sealed record IncidentHeader(string Id, string Group, string Kind, long Start, long? End);
