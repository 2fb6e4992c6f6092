namespace Monitor.Webhooks;

/// <summary>One delivery in a receiver's history (admins): its state, attempts and the outcome of the last one; never the body.</summary>
public sealed record WebhookDeliveryView(
    string DeliveryId,
    string GroupKey,
    int AlertCount,
    string State,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    int? LastStatus,
    string? LastError);
