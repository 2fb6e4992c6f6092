using Monitor.Abstractions.Alerts;
using Monitor.Core.Alerts;

namespace Monitor.Grains.Alerts;

/// <summary>The labels of an alert that silences match and inhibition compares: account, group, platform, kind, severity.</summary>
public static class AlertLabels
{
    /// <summary>The label names a silence matcher may use.</summary>
    public static readonly string[] Names = ["account", "group", "platform", "kind", "severity"];

    /// <summary>The alert's platform: its own when it names one (an outage), else its account's.</summary>
    public static string PlatformOf(AlertView alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return (alert.Platform ?? AlertInhibition.PlatformOf(alert.Account)).ToLowerInvariant();
    }

    /// <summary>
    /// What the alert is correlated under: <c>entity:&lt;id&gt;</c> when its account belongs to an entity (first, so an
    /// incident across an entity's accounts is the alert's incident), then its groups.
    /// </summary>
    public static IReadOnlyList<string> CorrelationKeys(AlertView alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var groups = alert.Groups.Distinct(StringComparer.Ordinal);
        return alert.Entity is { Length: > 0 } entity ? [EntityKey(entity), .. groups] : [.. groups];
    }

    /// <summary>The correlation key (and <c>group</c> filter of the alert list) of an entity's alerts.</summary>
    public static string EntityKey(string entityId) => "entity:" + entityId;

    /// <summary>The values of label <paramref name="name"/> (several for group, none when the alert has none).</summary>
    public static IReadOnlyCollection<string> Values(AlertView alert, string name) => name switch
    {
        "account" => string.IsNullOrEmpty(alert.Account) ? [] : [alert.Account],
        "group" => alert.Groups,
        "platform" => [PlatformOf(alert)],
        "kind" => [alert.Kind],
        "severity" => [alert.Severity],
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"Not an alert label; must be one of {string.Join(", ", Names)}."),
    };
}
