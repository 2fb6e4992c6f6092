namespace Monitor.Grains.Alerts.Store;

/// <summary>
/// A store that acknowledges an alert in one statement, one round trip: the read of its status, the write of the alert
/// and its change in the log (PostgreSQL, where every statement is a round trip to the server). For the single hub only,
/// which is the change log's only writer and gives the sequence itself.
/// </summary>
internal interface IOneStatementAcknowledgement
{
    /// <summary>
    /// Acknowledges <paramref name="alertId"/> by <paramref name="by"/> at <paramref name="at"/> if it is open, its change
    /// taking <paramref name="sequence"/>; otherwise writes nothing and returns the alert as stored (none: no such alert).
    /// </summary>
    Task<AcknowledgeOutcome> AcknowledgeAsync(string alertId, string? by, DateTimeOffset at, long sequence, CancellationToken cancellationToken);
}
