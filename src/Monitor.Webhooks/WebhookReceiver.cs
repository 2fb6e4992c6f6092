using Monitor.Abstractions.Alerts;
using Monitor.Api;

namespace Monitor.Webhooks;

/// <summary>A receiver in force: its definition with the defaults applied, and which alerts it takes and how it groups them.</summary>
public sealed record WebhookReceiver(
    string Id,
    Uri Url,
    string Secret,
    string Format,
    IReadOnlyList<string> Groups,
    IReadOnlyList<string> Kinds,
    string? MinSeverity,
    TimeSpan GroupWait,
    TimeSpan GroupInterval,
    TimeSpan RepeatInterval,
    bool FromSettings)
{
    /// <summary>The receiver <paramref name="definition"/> (valid, with an id and a secret) describes, with <paramref name="defaults"/> filling gaps.</summary>
    public static WebhookReceiver From(WebhookReceiverDefinition definition, WebhookOptions defaults, bool fromSettings)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(defaults);
        var groupInterval = definition.GroupInterval ?? defaults.GroupInterval;
        return new WebhookReceiver(
            definition.Id ?? throw new ArgumentException("A receiver needs an id.", nameof(definition)),
            new Uri(definition.Url!, UriKind.Absolute),
            definition.Secret ?? throw new ArgumentException("A receiver needs a secret.", nameof(definition)),
            definition.Format ?? WebhookFormats.Monitor,
            definition.Groups ?? [],
            definition.Kinds ?? [],
            definition.MinSeverity,
            definition.GroupWait ?? defaults.GroupWait,
            groupInterval,
            definition.RepeatInterval ?? (defaults.RepeatInterval < groupInterval ? groupInterval : defaults.RepeatInterval),
            fromSettings);
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
