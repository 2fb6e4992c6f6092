namespace Monitor.Webhooks;

/// <summary>
/// The Monitor-format body: one group's alerts. <see cref="DeliveryId"/> is the idempotency id (also in the
/// <c>X-Monitor-Delivery</c> header); <see cref="Status"/> is firing while any alert is not resolved; <see cref="Repeat"/>
/// marks a reminder sent after the repeat interval with no change.
/// </summary>
public sealed record WebhookMessage(
    string DeliveryId,
    string Receiver,
    string GroupKey,
    string Status,
    bool Repeat,
    IReadOnlyList<WebhookMessageAlert> Alerts);
