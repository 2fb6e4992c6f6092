namespace Monitor.Webhooks;

/// <summary>A delivery claimed for an attempt: <see cref="LeaseUntil"/> (ms) identifies the claim when its outcome is written.</summary>
public sealed record WebhookDelivery(long RowId, string DeliveryId, string ReceiverId, string Body, int Attempts, long LeaseUntil);
