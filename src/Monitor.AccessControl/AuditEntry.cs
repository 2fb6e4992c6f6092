namespace Monitor.AccessControl;

/// <summary>One admin action: who (key id and name), what (method and path), on what (target), when, and the answer's status.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string? ActorId, string? ActorName, string Action, string? Target, int Status);
