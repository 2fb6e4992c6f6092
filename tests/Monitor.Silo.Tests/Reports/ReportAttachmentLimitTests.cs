using System.Net;
using System.Text;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Silo.Tests.Webhooks;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Reports;

/// <summary>Files over <c>Monitor:Reports:MaxAttachmentBytes</c> are left out of the message, which still goes, with its links and the reason.</summary>
public sealed class ReportAttachmentLimitTests : IAsyncLifetime
{
    private const int Limit = 100;

    private readonly TemporaryDirectory _directory = new("monitor-report-limit-tests-");
    private WebhookReceiverServer _receiver = null!;
    private RunningSilo _silo = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _receiver = await WebhookReceiverServer.StartAsync();
        var options = new SiloHostOptions().UseSqlite(_directory.File("silo.db"));
        options.Configuration["Monitor:Outbound:AllowedRanges:0"] = "127.0.0.0/8";
        options.Configuration["Monitor:Webhooks:PollPeriod"] = "00:00:00.020";
        options.Configuration["Monitor:Webhooks:Receivers:0:Id"] = WebhookSilo.ReceiverId;
        options.Configuration["Monitor:Webhooks:Receivers:0:Url"] = _receiver.Url.ToString();
        options.Configuration["Monitor:Webhooks:Receivers:0:Secret"] = WebhookReceiverServer.Secret;
        options.Configuration["Monitor:Reports:MaxAttachmentBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _silo = await RunningSilo.StartAsync(options);
    }

    [Fact]
    public async Task Csv_files_over_the_limit_are_left_out_and_the_message_says_so_and_links_to_them()
    {
        var (group, _) = await ReportGroupData.SeedAsync(_silo);
        using (var created = await PostAsync("api/reports/schedules", $$"""{"id":"big","group":"{{group}}","cadence":"month","receiver":"{{WebhookSilo.ReceiverId}}","delivery":"csv"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var run = await PostAsync("api/reports/schedules/big/run?at=2020-10-15", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        }

        var received = await _receiver.WaitUntilAsync(requests => requests.Any(request => request.Body.Contains("\"type\":\"report\"", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "the report");
        var report = received.Single().Json.GetProperty("report");
        Assert.Empty(report.GetProperty("attachments").EnumerateArray());
        Assert.Contains($"over the limit of {Limit}", report.GetProperty("attachmentsOmitted").GetString(), StringComparison.Ordinal);
        using var csv = await _silo.Http.GetAsync(new Uri(report.GetProperty("links").GetProperty("csv").GetString()!), Cancellation);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.True((await csv.Content.ReadAsByteArrayAsync(Cancellation)).Length > Limit);
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _receiver.DisposeAsync();
        _directory.Dispose();
    }

    private Task<HttpResponseMessage> PostAsync(string path, string? json) =>
        _silo.Http.PostAsync(path, json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"), Cancellation);
}
