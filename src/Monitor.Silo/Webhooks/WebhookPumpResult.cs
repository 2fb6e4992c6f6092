namespace Monitor.Silo.Webhooks;

/// <summary>What one pump transaction did: changes read from the log, outbox rows added, messages (deliveries) formed.</summary>
public sealed record WebhookPumpResult(int ChangesRead, int Enqueued, int DeliveriesCreated);
