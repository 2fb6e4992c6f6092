namespace Monitor.Webhooks;

/// <summary>The states of a delivery.</summary>
public static class WebhookDeliveryStates
{
    /// <summary>Waiting for its first or next attempt.</summary>
    public const string Pending = "pending";

    /// <summary>A receiver answered 2xx.</summary>
    public const string Delivered = "delivered";

    /// <summary>Every allowed attempt failed, or its receiver was deleted; it is not tried again.</summary>
    public const string Dead = "dead";
}
