namespace Monitor.Webhooks;

/// <summary>When a group's waiting changes become a message, as Alertmanager's group_wait and group_interval pace it.</summary>
public static class WebhookGrouping
{
    /// <summary>
    /// The time the changes of a group waiting since <paramref name="firstWaiting"/> are sent: at least GroupWait after
    /// the first of them, and at least GroupInterval after the group's previous message (<paramref name="previousMessage"/>).
    /// </summary>
    public static DateTimeOffset DueAt(DateTimeOffset firstWaiting, DateTimeOffset? previousMessage, WebhookReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var afterWait = firstWaiting + receiver.GroupWait;
        return previousMessage is { } previous && previous + receiver.GroupInterval > afterWait ? previous + receiver.GroupInterval : afterWait;
    }

    /// <summary>True when a group whose last message was at <paramref name="previousMessage"/> is due a reminder (if alerts are still open).</summary>
    public static bool IsRepeatDue(DateTimeOffset previousMessage, DateTimeOffset now, WebhookReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        return previousMessage + receiver.RepeatInterval <= now;
    }
}
