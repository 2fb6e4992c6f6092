using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Monitor.Abstractions.Reports;
using Monitor.Reports;
using Monitor.Webhooks;

namespace Monitor.Reports.Web;

/// <summary>
/// Queues a report for a webhook receiver as a delivery of the webhook outbox, so it is signed, retried, subject to the
/// outbound address policy and listed in the receiver's history like every message. The message carries links to the report's
/// HTML, PDF and CSV forms and its ranking by followers; a schedule with delivery <c>pdf</c> or <c>csv</c> adds the files,
/// base64 in the JSON body, up to <see cref="ReportOptions.MaxAttachmentBytes"/> (above it, and for Slack, links only).
/// A period is queued once: <see cref="ReportPeriodLedger"/> remembers it in the database after the outbox has pruned the delivery.
/// </summary>
public sealed class ReportDelivery(
    ReportDataLoader loader, WebhookReceivers receivers, WebhookOutbox outbox, ReportPeriodLedger ledger, ReportLinks links, ChromiumPdfPrinter printer,
    IOptions<ReportOptions> options, TimeProvider time)
{
    // Periods this silo queued or found queued: the scheduler asks every minute, and the database need not be asked each time.
    private readonly ConcurrentDictionary<string, bool> _queued = new(StringComparer.Ordinal);

    /// <summary>The group key of a schedule's deliveries: <c>report/{group}/{cadence}</c> or <c>report/entities:{ids}/{cadence}</c>.</summary>
    public static string GroupKeyOf(ReportSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var subject = schedule.Subject;
        return subject.Kind == ReportSubject.GroupKind ? $"report/{subject.Id}/{schedule.Cadence}" : $"report/entities:{subject.Id}/{schedule.Cadence}";
    }

    /// <summary>Queues <paramref name="schedule"/>'s report for <paramref name="period"/>; false when it was queued before.</summary>
    /// <exception cref="InvalidOperationException">The receiver, the group or an entity does not exist (any more).</exception>
    /// <exception cref="ReportPrintException">Chromium failed to print the PDF (worth retrying).</exception>
    public async Task<bool> EnqueueAsync(ReportSchedule schedule, ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(period);
        var groupKey = GroupKeyOf(schedule);
        var discriminator = $"{schedule.Id}/{period.Kind}/{period.From:yyyy-MM-dd}";
        if (_queued.ContainsKey(groupKey + "|" + discriminator))
        {
            return false;
        }

        if (await ledger.WasQueuedAsync(schedule.Id, groupKey, period, cancellationToken).ConfigureAwait(false))
        {
            _queued.TryAdd(groupKey + "|" + discriminator, true);
            return false;
        }

        var receiver = await receivers.FindAsync(schedule.Receiver, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Report schedule '{schedule.Id}' names the webhook receiver '{schedule.Receiver}', which does not exist.");
        var report = await loader.LoadAsync(schedule.Subject, period, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException(schedule.Subject.Kind == ReportSubject.GroupKind
                ? $"Report schedule '{schedule.Id}' names the group '{schedule.Group}', which has no members."
                : $"Report schedule '{schedule.Id}' names an entity that does not exist any more ({schedule.Subject.Id}).");
        var (attachments, omitted) = receiver.Format == WebhookFormats.Slack
            ? ([], schedule.DeliveryKind == ReportDeliveryKinds.Link ? null : "Slack's incoming webhooks take no files: the message links to them.")
            : await AttachmentsAsync(schedule.DeliveryKind, report, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var queued = await outbox.EnqueueMessageAsync(
            receiver.Id, groupKey, discriminator, report.Alerts.Count,
            deliveryId => Body(receiver, deliveryId, groupKey, schedule.DeliveryKind, report, attachments, omitted), now, cancellationToken).ConfigureAwait(false);

        // After the outbox row: a silo stopped between the two finds the row (kept a week) and records the period then.
        await ledger.RecordAsync(schedule.Id, groupKey, period, now, cancellationToken).ConfigureAwait(false);
        _queued.TryAdd(groupKey + "|" + discriminator, true);
        return queued;
    }

    private async Task<(IReadOnlyList<ReportAttachment> Files, string? Omitted)> AttachmentsAsync(string delivery, GroupReport report, CancellationToken cancellationToken)
    {
        List<ReportAttachment> files;
        switch (delivery)
        {
            case ReportDeliveryKinds.Pdf:
                try
                {
                    var pdf = await printer.PrintAsync(ReportHtml.Render(report), cancellationToken).ConfigureAwait(false);
                    files = [new ReportAttachment(ReportResults.FileStem(report) + ".pdf", "application/pdf", pdf)];
                }
                catch (ChromiumUnavailableException missing)
                {
                    return ([], missing.Message);
                }
                catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    throw new ReportPrintException($"Printing the PDF of report {ReportResults.FileStem(report)} failed: {ex.Message}", ex);
                }

                break;
            case ReportDeliveryKinds.Csv:
                files = ReportCsvTables.Names.Select(table => new ReportAttachment($"{ReportResults.FileStem(report)}-{table}.csv", "text/csv; charset=utf-8", ReportResults.CsvBytes(report, table))).ToList();
                break;
            default:
                return ([], null);
        }

        var size = files.Sum(file => (long)file.Content.Length);
        var limit = options.Value.MaxAttachmentBytes;
        return size <= limit
            ? (files, null)
            : ([], string.Create(CultureInfo.InvariantCulture, $"The files take {size} bytes, over the limit of {limit} ({ReportOptions.SectionName}:MaxAttachmentBytes): the message links to them."));
    }

    private string Body(WebhookReceiver receiver, string deliveryId, string groupKey, string delivery, GroupReport report, IReadOnlyList<ReportAttachment> attachments, string? omitted)
    {
        var html = links.Absolute(report.Subject, report.Period);
        var pdf = links.Absolute(report.Subject, report.Period, "/pdf");
        if (receiver.Format == WebhookFormats.Slack)
        {
            var leaders = string.Join('\n', report.Ranking(GroupReport.ByFollowers).Rows.Take(5)
                .Select((row, i) => $"{i + 1}. {row.Name}: {ReportFormat.Count(row.FollowersAtEnd)} ({ReportFormat.Percent(row.ChangeShare)})"));
            var synthetic = report.Sources.AnySynthetic ? " (contains SYNTHETIC data)" : string.Empty;
            var text = $"*[Monitor] Report: {report.Subject.Title}, {report.Period.Label}*{synthetic}\n{report.Alerts.Count} alerts, {report.Incidents.Count} incidents\n{leaders}\n<{html}|Report> · <{pdf}|PDF>";
            return JsonSerializer.Serialize(new SlackMessage(text), WebhookMessageBuilder.Json);
        }

        var body = new JsonObject
        {
            ["group"] = report.Subject.Kind == ReportSubject.GroupKind ? report.Subject.Id : null,
            ["subject"] = new JsonObject { ["kind"] = report.Subject.Kind, ["id"] = report.Subject.Id, ["title"] = report.Subject.Title },
            ["period"] = report.Period.Kind,
            ["from"] = report.Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = report.Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["label"] = report.Period.Label,
            ["generatedAt"] = report.GeneratedAt,
            ["synthetic"] = report.Sources.AnySynthetic,
            ["alertCount"] = report.Alerts.Count,
            ["incidentCount"] = report.Incidents.Count,
            ["links"] = new JsonObject
            {
                ["html"] = html.AbsoluteUri,
                ["pdf"] = pdf.AbsoluteUri,
                ["csv"] = links.Absolute(report.Subject, report.Period, "/csv/" + GroupReport.ByFollowers).AbsoluteUri,
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
            ["delivery"] = delivery,
            ["attachments"] = new JsonArray(attachments.Select(file => (JsonNode)new JsonObject
            {
                ["name"] = file.Name,
                ["contentType"] = file.ContentType,
                ["size"] = file.Content.Length,
                ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(file.Content)),
                ["base64"] = Convert.ToBase64String(file.Content),
            }).ToArray()),
        };
        if (omitted is not null)
        {
            body["attachmentsOmitted"] = omitted;
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
            ["report"] = body,
        };
        return message.ToJsonString(WebhookMessageBuilder.Json);
    }
}
