using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Reports;
using Monitor.Webhooks;

namespace Monitor.Reports.Web;

/// <summary>
/// Queues a group report for a webhook receiver as a delivery of the webhook outbox, so it is signed, retried, subject to the
/// outbound address policy and listed in the receiver's history like every message. The message carries links to the report's
/// HTML, PDF and CSV forms and its ranking by followers.
/// </summary>
public sealed class ReportDelivery(ReportDataLoader loader, WebhookReceivers receivers, WebhookOutbox outbox, ReportLinks links, TimeProvider time)
{
    /// <summary>The group key of a schedule's deliveries.</summary>
    public static string GroupKeyOf(ReportSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return $"report/{schedule.Group}/{schedule.Cadence}";
    }

    /// <summary>Queues <paramref name="schedule"/>'s report for <paramref name="period"/>; false when it was queued before.</summary>
    /// <exception cref="InvalidOperationException">The receiver or the group does not exist (any more).</exception>
    public async Task<bool> EnqueueAsync(ReportSchedule schedule, ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var receiver = await receivers.FindAsync(schedule.Receiver, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Report schedule '{schedule.Id}' names the webhook receiver '{schedule.Receiver}', which does not exist.");
        var report = await loader.LoadAsync(schedule.Group, period, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Report schedule '{schedule.Id}' names the group '{schedule.Group}', which has no members.");
        var groupKey = GroupKeyOf(schedule);
        return await outbox.EnqueueMessageAsync(
            receiver.Id, groupKey, $"{schedule.Id}/{period.Kind}/{period.From:yyyy-MM-dd}", report.Alerts.Count,
            deliveryId => Body(receiver, deliveryId, groupKey, report), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    private string Body(WebhookReceiver receiver, string deliveryId, string groupKey, GroupReport report)
    {
        var html = links.Absolute(report.Group, report.Period);
        var pdf = links.Absolute(report.Group, report.Period, "/pdf");
        if (receiver.Format == WebhookFormats.Slack)
        {
            var leaders = string.Join('\n', report.Ranking(GroupReport.ByFollowers).Rows.Take(5)
                .Select((row, i) => $"{i + 1}. {row.Name}: {ReportFormat.Count(row.FollowersAtEnd)} ({ReportFormat.Percent(row.ChangeShare)})"));
            var synthetic = report.Sources.AnySynthetic ? " (contains SYNTHETIC data)" : string.Empty;
            var text = $"*[Monitor] Report: {report.Group}, {report.Period.Label}*{synthetic}\n{report.Alerts.Count} alerts, {report.Incidents.Count} incidents\n{leaders}\n<{html}|Report> · <{pdf}|PDF>";
            return JsonSerializer.Serialize(new SlackMessage(text), WebhookMessageBuilder.Json);
        }

        var message = new JsonObject
        {
            ["deliveryId"] = deliveryId,
            ["receiver"] = receiver.Id,
            ["groupKey"] = groupKey,
            ["type"] = "report",
            ["status"] = "report",
            ["repeat"] = false,
            ["alerts"] = new JsonArray(),
            ["report"] = new JsonObject
            {
                ["group"] = report.Group,
                ["period"] = report.Period.Kind,
                ["from"] = report.Period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["to"] = report.Period.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["label"] = report.Period.Label,
                ["generatedAt"] = report.GeneratedAt,
                ["synthetic"] = report.Sources.AnySynthetic,
                ["alertCount"] = report.Alerts.Count,
                ["incidentCount"] = report.Incidents.Count,
                ["links"] = new JsonObject
                {
                    ["html"] = html.AbsoluteUri,
                    ["pdf"] = pdf.AbsoluteUri,
                    ["csv"] = links.Absolute(report.Group, report.Period, "/csv/" + GroupReport.ByFollowers).AbsoluteUri,
                },
                ["ranking"] = new JsonArray(report.Ranking(GroupReport.ByFollowers).Rows.Select((row, i) => (JsonNode)new JsonObject
                {
                    ["rank"] = i + 1,
                    ["account"] = row.Account,
                    ["name"] = row.Name,
                    ["followers"] = row.FollowersAtEnd,
                    ["change"] = row.Change,
                    ["growth"] = row.ChangeShare,
                    ["synthetic"] = row.Synthetic,
                }).ToArray()),
            },
        };
        return message.ToJsonString(WebhookMessageBuilder.Json);
    }
}
