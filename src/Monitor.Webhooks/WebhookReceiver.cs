using Monitor.Abstractions.Alerts;
using Monitor.Api;

namespace Monitor.Webhooks;

/// <summary>A receiver in force: its definition with the defaults applied, and which alerts it takes and how it groups them.</summary>
public sealed class WebhookReceiver
{
    private WebhookReceiver(WebhookReceiverDefinition definition, WebhookOptions defaults, bool fromSettings)
    {
        Id = definition.Id ?? throw new ArgumentException("A receiver needs an id.", nameof(definition));
        Url = new Uri(definition.Url!, UriKind.Absolute);
        Secret = definition.Secret ?? throw new ArgumentException("A receiver needs a secret.", nameof(definition));
        Format = definition.Format ?? WebhookFormats.Monitor;
        Groups = definition.Groups ?? [];
        Kinds = definition.Kinds ?? [];
        MinSeverity = definition.MinSeverity;
        GroupWait = definition.GroupWait ?? defaults.GroupWait;
        GroupInterval = definition.GroupInterval ?? defaults.GroupInterval;
        RepeatInterval = definition.RepeatInterval ?? (defaults.RepeatInterval < GroupInterval ? GroupInterval : defaults.RepeatInterval);
        FromSettings = fromSettings;
    }

    public string Id { get; }

    public Uri Url { get; }

    /// <summary>The key deliveries are signed with (never shown by the API).</summary>
    public string Secret { get; }

    /// <summary>The body's format (<see cref="WebhookFormats"/>).</summary>
    public string Format { get; }

    /// <summary>The groups whose alerts it takes; empty: every group.</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>The alert kinds it takes; empty: every kind.</summary>
    public IReadOnlyList<string> Kinds { get; }

    /// <summary>The least severity it takes; null: every severity.</summary>
    public string? MinSeverity { get; }

    /// <summary>How long a new group waits for more alerts before its first message.</summary>
    public TimeSpan GroupWait { get; }

    /// <summary>The least time between two messages of one group.</summary>
    public TimeSpan GroupInterval { get; }

    /// <summary>After how long an unchanged group is sent again (never less than <see cref="GroupInterval"/>).</summary>
    public TimeSpan RepeatInterval { get; }

    /// <summary>True for a receiver configured in settings (the API cannot change it), false for one added through the API.</summary>
    public bool FromSettings { get; }

    /// <summary>The receiver <paramref name="definition"/> (valid, with an id and a secret) describes, with <paramref name="defaults"/> filling gaps.</summary>
    public static WebhookReceiver From(WebhookReceiverDefinition definition, WebhookOptions defaults, bool fromSettings)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(defaults);
        return new WebhookReceiver(definition, defaults, fromSettings);
    }

    /// <summary>True when the receiver takes changes of <paramref name="alert"/> (silenced alerts go to nobody).</summary>
    public bool Matches(AlertView alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return !alert.Silenced && alert.InhibitedBy is null
            && (Groups.Count == 0 || alert.Groups.Any(group => Groups.Contains(group, StringComparer.Ordinal)))
            && (Kinds.Count == 0 || Kinds.Contains(alert.Kind, StringComparer.Ordinal))
            && (MinSeverity is null || Array.IndexOf(AlertVocabulary.Severities, alert.Severity) >= Array.IndexOf(AlertVocabulary.Severities, MinSeverity));
    }

    /// <summary>
    /// The group whose alerts share one message: the alert's first group (among the receiver's, when it filters on groups)
    /// and its kind, so a surge across the accounts of one group is one message; an account in no group is its own group.
    /// </summary>
    public string GroupKeyOf(AlertView alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var group = alert.Groups
            .Where(candidate => Groups.Count == 0 || Groups.Contains(candidate, StringComparer.Ordinal))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        return $"{group ?? "account:" + alert.Account}/{alert.Kind}";
    }
}
