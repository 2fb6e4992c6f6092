namespace Monitor.Grains.Alerts.Store;

/// <summary>What one pruning pass may remove; null limits keep everything.</summary>
/// <param name="EndedBefore">Resolved alerts whose episode ended before this go.</param>
/// <param name="MaxAlerts">Beyond this many alerts, the resolved ones that ended first go.</param>
/// <param name="ChangesRecordedBefore">Changes recorded before this leave the log (the newest always stays).</param>
/// <param name="MaxChanges">The log keeps at most this many changes.</param>
public sealed record AlertRetention(DateTimeOffset? EndedBefore, long? MaxAlerts, DateTimeOffset ChangesRecordedBefore, long MaxChanges);
