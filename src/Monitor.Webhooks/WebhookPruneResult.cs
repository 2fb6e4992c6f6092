namespace Monitor.Webhooks;

/// <summary>What one pruning pass removed: delivered deliveries and the outbox rows no later message can need.</summary>
public sealed record WebhookPruneResult(int Deliveries, int OutboxRows);
