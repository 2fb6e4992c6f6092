using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monitor.Reports.Web;
using Monitor.Silo.Tests.Webhooks;
using Monitor.Webhooks;
using UglyToad.PdfPig;
using Xunit;

namespace Monitor.Silo.Tests.Reports;

/// <summary>
/// A report schedule delivers through the webhook outbox to a loopback receiver: signed, once per period, with links that
/// answer and the ranking of the report, and with delivery pdf or csv the files themselves. The schedule is driven by its
/// run endpoint (the scheduler's timing is unit-tested).
/// </summary>
public sealed partial class ReportScheduleDeliveryTests(WebhookSiloFixture fixture) : IClassFixture<WebhookSiloFixture>
{
    private HttpClient Http => fixture.Silo.Silo.Http;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_schedule_reaches_the_receiver_once_signed_with_the_report_links_and_ranking()
    {
        var (group, keys) = await ReportGroupData.SeedAsync(fixture.Silo.Silo);
        var scheduleId = "monthly-" + group;
        using (var created = await PostAsync("api/reports/schedules", $$"""{"id":"{{scheduleId}}","group":"{{group}}","cadence":"month","receiver":"{{WebhookSilo.ReceiverId}}"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var run = await PostAsync($"api/reports/schedules/{scheduleId}/run?at=2020-10-15", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
            var queued = await run.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Equal("2020-10-01", queued.GetProperty("from").GetString());
            Assert.Equal("2020-10-31", queued.GetProperty("to").GetString());
        }

        var received = await fixture.Receiver.WaitUntilAsync(
            requests => requests.Any(request => IsReportOf(request, group)), TimeSpan.FromSeconds(30), $"the report of {group}");
        var message = received.Single(request => IsReportOf(request, group));
        Assert.True(message.SignatureValid);
        Assert.True(message.Accepted);
        var report = message.Json.GetProperty("report");
        Assert.Equal("month", report.GetProperty("period").GetString());
        Assert.Equal("2020-10-01", report.GetProperty("from").GetString());
        Assert.Equal(keys, report.GetProperty("ranking").EnumerateArray().Select(row => row.GetProperty("account").GetString()));
        Assert.Equal(60 * 100 + 900_000, report.GetProperty("ranking")[0].GetProperty("followers").GetInt64());

        // The links point at this silo and answer with the report in each form.
        var html = new Uri(report.GetProperty("links").GetProperty("html").GetString()!);
        Assert.Equal(fixture.Silo.Silo.Address.Authority, html.Authority);
        var page = await Http.GetStringAsync(html, Cancellation);
        Assert.Contains("October 2020", page, StringComparison.Ordinal);
        var csv = await Http.GetStringAsync(new Uri(report.GetProperty("links").GetProperty("csv").GetString()!), Cancellation);
        Assert.Equal(keys, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[1]));

        // Running the same period again queues nothing: one delivery for the schedule's group key.
        using (var again = await PostAsync($"api/reports/schedules/{scheduleId}/run?at=2020-10-02", null))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var history = await Http.GetFromJsonAsync<List<WebhookDeliveryView>>($"api/webhooks/{WebhookSilo.ReceiverId}/deliveries?limit=1000", Monitor.Silo.Tests.Infrastructure.RunningSilo.Json, Cancellation);
        var delivery = Assert.Single(history!, view => view.GroupKey == $"report/{group}/month");
        Assert.Equal(WebhookDeliveryStates.Delivered, delivery.State);
        Assert.Equal(message.DeliveryId, delivery.DeliveryId);
    }

    [Fact]
    public async Task A_schedule_needs_a_known_receiver_and_group_and_an_id_once()
    {
        var (group, _) = await ReportGroupData.SeedAsync(fixture.Silo.Silo);
        await AssertInvalidAsync($$"""{"group":"{{group}}","cadence":"week","receiver":"nobody"}""", "receiver");
        await AssertInvalidAsync($$"""{"group":"no-such-group","cadence":"week","receiver":"{{WebhookSilo.ReceiverId}}"}""", "group");
        await AssertInvalidAsync($$"""{"group":"{{group}}","cadence":"daily","receiver":"{{WebhookSilo.ReceiverId}}"}""", "cadence");

        var body = $$"""{"id":"weekly-{{group}}","group":"{{group}}","cadence":"week","receiver":"{{WebhookSilo.ReceiverId}}"}""";
        using (var created = await PostAsync("api/reports/schedules", body))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var twice = await PostAsync("api/reports/schedules", body))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        }

        var listed = await Http.GetFromJsonAsync<JsonElement>("api/reports/schedules", Cancellation);
        Assert.Contains(listed.EnumerateArray(), schedule => schedule.GetProperty("id").GetString() == $"weekly-{group}");

        using var deleted = await Http.DeleteAsync($"api/reports/schedules/weekly-{group}", Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await PostAsync($"api/reports/schedules/weekly-{group}/run", null);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_pdf_schedule_of_an_entity_list_carries_the_printed_pdf_in_the_message()
    {
        if (ChromiumLocator.Find(null) is null)
        {
            Assert.Skip("No Chromium on this machine (apt-get install chromium): the PDF cannot be printed.");
        }

        var data = await ReportEntityData.SeedAsync(fixture.Silo.Silo);
        var scheduleId = "pdf-" + data.Office;
        using (var created = await PostAsync("api/reports/schedules",
            $$"""{"id":"{{scheduleId}}","entities":["{{data.Person}}","{{data.Office}}"],"cadence":"month","receiver":"{{WebhookSilo.ReceiverId}}","delivery":"pdf"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var run = await PostAsync($"api/reports/schedules/{scheduleId}/run?at=2020-10-15", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        }

        var ids = string.Join(',', new[] { data.Office, data.Person }.Order(StringComparer.Ordinal));
        var message = await ReceiveAsync($"report/entities:{ids}/month");
        var report = message.Json.GetProperty("report");
        Assert.Equal("pdf", report.GetProperty("delivery").GetString());
        Assert.Equal("entities", report.GetProperty("subject").GetProperty("kind").GetString());
        var attachment = Assert.Single(report.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/pdf", attachment.GetProperty("contentType").GetString());
        Assert.EndsWith("-2020-10-01-2020-10-31.pdf", attachment.GetProperty("name").GetString(), StringComparison.Ordinal);
        var pdf = Convert.FromBase64String(attachment.GetProperty("base64").GetString()!);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.Equal(pdf.Length, attachment.GetProperty("size").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), attachment.GetProperty("sha256").GetString());

        // The print has the pages the report's HTML announces: summary, growth rankings, the entity comparison, one per alert or incident.
        var html = await Http.GetStringAsync(new Uri(report.GetProperty("links").GetProperty("html").GetString()!), Cancellation);
        var expectedPages = int.Parse(ExpectedPages().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(expectedPages >= 3, $"The entity list's report announces {expectedPages} pages.");
        using var document = PdfDocument.Open(pdf);
        Assert.Equal(expectedPages, document.NumberOfPages);
        Assert.Contains("Entity comparison", document.GetPage(3).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_schedule_carries_every_table_with_the_bytes_the_api_serves()
    {
        var (group, keys) = await ReportGroupData.SeedAsync(fixture.Silo.Silo);
        var scheduleId = "csv-" + group;
        using (var created = await PostAsync("api/reports/schedules",
            $$"""{"id":"{{scheduleId}}","group":"{{group}}","cadence":"week","receiver":"{{WebhookSilo.ReceiverId}}","delivery":"csv"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var run = await PostAsync($"api/reports/schedules/{scheduleId}/run?at=2020-10-01", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        }

        var report = (await ReceiveAsync($"report/{group}/week")).Json.GetProperty("report");
        var files = report.GetProperty("attachments").EnumerateArray().ToDictionary(
            file => file.GetProperty("name").GetString()!, file => Convert.FromBase64String(file.GetProperty("base64").GetString()!));
        Assert.Equal(
            ["followers", "growth", "growthPercent", "movers", "entities", "alerts"],
            files.Keys.Select(name => name[(name.LastIndexOf("-", StringComparison.Ordinal) + 1)..^".csv".Length]));
        var served = await Http.GetByteArrayAsync($"api/reports/groups/{group}/csv/followers?period=week&at=2020-10-01", Cancellation);
        Assert.Equal(served, files.Single(file => file.Key.EndsWith("-followers.csv", StringComparison.Ordinal)).Value);
        Assert.Equal(keys, Encoding.UTF8.GetString(served).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[1]));
    }

    private async Task<ReceivedWebhook> ReceiveAsync(string groupKey)
    {
        var received = await fixture.Receiver.WaitUntilAsync(
            requests => requests.Any(request => IsReportWithKey(request, groupKey)), TimeSpan.FromSeconds(60), $"the report {groupKey}");
        var message = received.Single(request => IsReportWithKey(request, groupKey));
        Assert.True(message.SignatureValid);
        return message;
    }

    private static bool IsReportWithKey(ReceivedWebhook request, string groupKey) =>
        request.Body.Contains("\"type\":\"report\"", StringComparison.Ordinal) && request.Json.GetProperty("groupKey").GetString() == groupKey;

    [GeneratedRegex("data-expected-pages=\"(\\d+)\"")]
    private static partial Regex ExpectedPages();

    private async Task AssertInvalidAsync(string body, string field)
    {
        using var response = await PostAsync("api/reports/schedules", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"The problem names no '{field}': {problem.RootElement}");
    }

    private static bool IsReportOf(ReceivedWebhook request, string group) =>
        request.Body.Contains("\"type\":\"report\"", StringComparison.Ordinal) && request.Json.GetProperty("report").GetProperty("group").GetString() == group;

    private Task<HttpResponseMessage> PostAsync(string path, string? json) =>
        Http.PostAsync(path, json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"), Cancellation);
}
