namespace Monitor.Webhooks;

/// <summary>A receiver as the API shows it: everything but the secret; <see cref="Source"/> is settings or api.</summary>
public sealed record WebhookReceiverView(
    string Id,
    string Url,
    string Format,
    IReadOnlyList<string> Groups,
    IReadOnlyList<string> Kinds,
    string? MinSeverity,
    TimeSpan GroupWait,
    TimeSpan GroupInterval,
    TimeSpan RepeatInterval,
    string Source)
{
    /// <summary>The view of <paramref name="receiver"/>.</summary>
    public static WebhookReceiverView Of(WebhookReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        return new WebhookReceiverView(
            receiver.Id, receiver.Url.OriginalString, receiver.Format, receiver.Groups, receiver.Kinds, receiver.MinSeverity,
            receiver.GroupWait, receiver.GroupInterval, receiver.RepeatInterval, receiver.FromSettings ? "settings" : "api");
    }
}
