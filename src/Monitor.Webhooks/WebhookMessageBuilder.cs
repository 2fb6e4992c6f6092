using System.Globalization;
using System.Text.Json;
using System.Text;
using Monitor.Abstractions.Alerts;
using Monitor.Abstractions.Http;
using Monitor.Grains.Alerts;

namespace Monitor.Webhooks;

/// <summary>Turns one group's alert changes into the body a receiver asked for; the body is built once and resent as is.</summary>
public static class WebhookMessageBuilder
{
    /// <summary>Most alerts listed one per line in a Slack message; the rest are counted.</summary>
    public const int MaxSlackLines = 20;

    /// <summary>The JSON conventions of bodies and outbox rows: a webhook carries alerts as the API shows them.</summary>
    public static JsonSerializerOptions Json => ApiConventions.Json;

    /// <summary>The alerts of <paramref name="changes"/> (oldest first), one entry per alert with its latest change.</summary>
    public static IReadOnlyList<WebhookMessageAlert> Collapse(IEnumerable<AlertChange> changes) =>
        changes
            .OrderBy(change => change.Sequence)
            .GroupBy(change => change.Alert.Id, StringComparer.Ordinal)
            .Select(alert => alert.ToList())
            .Select(alert => new WebhookMessageAlert(alert[^1].Sequence, alert[^1].Change, alert.Select(change => change.Change).ToList(), alert[^1].Alert))
            .OrderBy(alert => alert.Sequence)
            .ToList();

    /// <summary>The body for <paramref name="receiver"/>.</summary>
    public static string Build(WebhookReceiver receiver, string deliveryId, string groupKey, IReadOnlyList<WebhookMessageAlert> alerts, bool repeat)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(alerts);
        var status = alerts.Any(alert => alert.Alert.Status != AlertStatuses.Resolved) ? "firing" : "resolved";
        return receiver.Format == WebhookFormats.Slack
            ? JsonSerializer.Serialize(new SlackMessage(SlackText(groupKey, status, alerts, repeat)), Json)
            : JsonSerializer.Serialize(new WebhookMessage(deliveryId, receiver.Id, groupKey, status, repeat, alerts), Json);
    }

    private static string SlackText(string groupKey, string status, IReadOnlyList<WebhookMessageAlert> alerts, bool repeat)
    {
        var open = alerts.Count(alert => alert.Alert.Status != AlertStatuses.Resolved);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"*[Monitor] {(status == "firing" ? "FIRING" : "RESOLVED")}{(repeat ? " (reminder)" : "")}: {groupKey}* - {alerts.Count} alert{(alerts.Count == 1 ? "" : "s")}, {open} open");
        foreach (var entry in alerts.Take(MaxSlackLines))
        {
            var alert = entry.Alert;
            text.Append(CultureInfo.InvariantCulture,
                $"\n- {alert.Account}: {alert.Kind} ({alert.Severity}) {entry.Change}, {alert.Change:+#,0;-#,0;0} followers ({alert.RelativeChange:+0.0%;-0.0%;0.0%}) since {alert.Start:yyyy-MM-dd}");
        }

        if (alerts.Count > MaxSlackLines)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n... and {alerts.Count - MaxSlackLines} more");
        }

        return text.ToString();
    }

}
