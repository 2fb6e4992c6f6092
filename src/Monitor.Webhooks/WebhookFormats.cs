namespace Monitor.Webhooks;

/// <summary>The body shapes a receiver can ask for.</summary>
public static class WebhookFormats
{
    /// <summary>Monitor's JSON message: the group and its alert changes.</summary>
    public const string Monitor = "monitor";

    /// <summary>A Slack-compatible incoming-webhook message (<c>{"text": ...}</c>).</summary>
    public const string Slack = "slack";

    /// <summary>Every format.</summary>
    public static readonly string[] All = [Monitor, Slack];
}
