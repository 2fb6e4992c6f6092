namespace Monitor.Webhooks;

/// <summary>The outcome of one HTTP attempt: the status a receiver answered (null when none), or why it failed.</summary>
public sealed record WebhookAttempt(int? Status, string? Error)
{
    /// <summary>True when the receiver answered 2xx.</summary>
    public bool Succeeded => Status is >= 200 and < 300;
}
