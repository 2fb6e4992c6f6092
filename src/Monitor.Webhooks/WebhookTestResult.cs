namespace Monitor.Webhooks;

/// <summary>The outcome of a test message sent to a receiver: its delivery id, and the receiver's answer or why there was none.</summary>
public sealed record WebhookTestResult(string DeliveryId, bool Delivered, int? Status, string? Error);
