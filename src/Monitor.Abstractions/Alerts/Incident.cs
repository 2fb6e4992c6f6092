namespace Monitor.Abstractions.Alerts;

/// <summary>Simultaneous alerts of the same kind on several members of a group, correlated into one incident.</summary>
public sealed record Incident(
    string Id,
    string Group,
    string Kind,
    DateTimeOffset Start,
    DateTimeOffset? End,
    IReadOnlyList<string> AlertIds,
    IReadOnlyList<string> Accounts);
