namespace Monitor.AccessControl;

/// <summary>A page of the audit log, newest first; pass <see cref="Next"/> as <c>before</c> for the next page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, long? Next);
