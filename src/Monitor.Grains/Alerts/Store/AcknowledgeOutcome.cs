using Monitor.Abstractions.Alerts;

namespace Monitor.Grains.Alerts.Store;

/// <summary>What <see cref="IOneStatementAcknowledgement.AcknowledgeAsync"/> did: the change it appended, or the alert as stored when it was not open (null: no such alert).</summary>
internal sealed record AcknowledgeOutcome(AlertChange? Change, AlertView? Stored);
