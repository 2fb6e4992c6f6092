namespace Monitor.Webhooks;

/// <summary>
/// What one pump transaction did: changes read from the log, outbox rows added, messages (deliveries) formed, and changes
/// lost because the hub had already dropped them from its log (the cursor was behind its retention).
/// </summary>
public sealed record WebhookPumpResult(int ChangesRead, int Enqueued, int DeliveriesCreated, long ChangesMissed);
