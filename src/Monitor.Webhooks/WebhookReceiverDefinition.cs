namespace Monitor.Webhooks;

/// <summary>A webhook receiver as settings and the API describe it (and as it is stored); unset durations take the defaults.</summary>
public sealed class WebhookReceiverDefinition
{
    // Chosen by the caller or generated; letters, digits, '.', '_' and '-'.
    public string? Id { get; set; }

    // Absolute http or https URL the messages are POSTed to.
    public string? Url { get; set; }

    // Key of the HMAC-SHA256 signature; write-only (never returned, never logged).
    public string? Secret { get; set; }

    // Body shape: monitor (JSON with the alert changes) or slack (a Slack-compatible incoming-webhook message).
    public string? Format { get; set; }

    // Only alerts of accounts in one of these groups (empty: every group).
    public List<string>? Groups { get; set; }

    // Only alerts of these kinds (empty: every kind).
    public List<string>? Kinds { get; set; }

    // Only alerts at least this severe (info, warning, critical).
    public string? MinSeverity { get; set; }

    public TimeSpan? GroupWait { get; set; }

    public TimeSpan? GroupInterval { get; set; }

    public TimeSpan? RepeatInterval { get; set; }
}
