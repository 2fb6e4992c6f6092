using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Hosting;
using Monitor.Reports.Web;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Silo.Tests.Webhooks;
using Monitor.Webhooks;
using Xunit;

namespace Monitor.Silo.Tests.Reports;

/// <summary>
/// A monthly period stays due for a month, and the outbox prunes delivered rows after a week: a silo started later over the
/// same database must not queue a period again. Two schedules share a group key (so pruning removes one's delivery row:
/// the newest of a group is kept); the silos' scheduler is driven at chosen instants.
/// </summary>
public abstract class ReportPeriodOnceTests
{
    private const string ReceiverId = "loopback";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Options for a silo over this test's database (the same database on every call).</summary>
    protected abstract SiloHostOptions SiloOptions();

    [Fact]
    public async Task A_sent_month_is_not_sent_again_by_a_fresh_silo_after_its_delivery_rows_are_pruned()
    {
        await using var receiver = await WebhookReceiverServer.StartAsync();
        string group;
        string groupKey;
        DateTimeOffset firstRun;
        await using (var silo = await StartAsync(receiver.Url))
        {
            (group, _) = await ReportGroupData.SeedAsync(silo);
            groupKey = $"report/{group}/month";
            foreach (var (id, delivery) in new[] { ($"link-{group}", "link"), ($"csv-{group}", "csv") })
            {
                using var created = await silo.Http.PostAsync("api/reports/schedules", Json(
                    $$"""{"id":"{{id}}","group":"{{group}}","cadence":"month","receiver":"{{ReceiverId}}","delivery":"{{delivery}}"}"""), Cancellation);
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            // Five minutes into next month, this month is due for both schedules (created today).
            var today = DateTimeOffset.UtcNow;
            firstRun = new DateTimeOffset(today.Year, today.Month, 1, 0, 5, 0, TimeSpan.Zero).AddMonths(1);
            Assert.Equal(2, await SchedulerAt(silo, firstRun).RunOnceAsync(Cancellation));
            await receiver.WaitUntilAsync(requests => requests.Count(request => IsReport(request, groupKey)) == 2, TimeSpan.FromSeconds(60), "both schedules' reports");
            await WaitUntilDeliveredAsync(silo, groupKey, 2);

            // A week on, the pruner removes every delivered row but the newest of the group.
            var pruned = await silo.Services.GetRequiredService<WebhookPruner>().PruneAsync(DateTimeOffset.UtcNow.AddMinutes(1), Cancellation);
            Assert.Equal(1, pruned.Deliveries);
            Assert.Single(await DeliveriesAsync(silo, groupKey));
        }

        await using (var fresh = await StartAsync(receiver.Url))
        {
            // Eight days into the month the period is still due; a new silo remembers nothing of its own.
            Assert.Equal(0, await SchedulerAt(fresh, firstRun.AddDays(8)).RunOnceAsync(Cancellation));
            using var again = await fresh.Http.PostAsync($"api/reports/schedules/link-{group}/run?at={firstRun.AddMonths(-1):yyyy-MM-dd}", null, Cancellation);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            var left = await DeliveriesAsync(fresh, groupKey);
            Assert.DoesNotContain(left, delivery => delivery.State == WebhookDeliveryStates.Pending);
            Assert.Single(left);
        }

        Assert.Equal(2, receiver.Received.Count(request => IsReport(request, groupKey)));
    }

    [Fact]
    public async Task A_deleted_schedule_forgets_its_periods_so_a_new_one_with_its_id_sends_them()
    {
        await using var receiver = await WebhookReceiverServer.StartAsync();
        await using var silo = await StartAsync(receiver.Url);
        var (group, _) = await ReportGroupData.SeedAsync(silo);
        var groupKey = $"report/{group}/month";
        var body = $$"""{"id":"again-{{group}}","group":"{{group}}","cadence":"month","receiver":"{{ReceiverId}}"}""";
        using (var created = await silo.Http.PostAsync("api/reports/schedules", Json(body), Cancellation))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var run = await silo.Http.PostAsync($"api/reports/schedules/again-{group}/run?at=2020-10-15", null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        }

        await WaitUntilDeliveredAsync(silo, groupKey, 1);
        var ledger = silo.Services.GetRequiredService<ReportPeriodLedger>();
        var october = Monitor.Reports.ReportPeriod.MonthOf(new DateOnly(2020, 10, 1));
        Assert.True(await ledger.WasQueuedAsync($"again-{group}", groupKey, october, Cancellation));

        using (var deleted = await silo.Http.DeleteAsync($"api/reports/schedules/again-{group}", Cancellation))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.False(await ledger.WasQueuedAsync($"again-{group}", groupKey, october, Cancellation));
    }

    private async Task<RunningSilo> StartAsync(Uri receiverUrl)
    {
        var options = SiloOptions();
        options.Configuration["Monitor:Outbound:AllowedRanges:0"] = "127.0.0.0/8";
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["PollPeriod"] = "00:00:00.020",
            ["BackoffBase"] = "00:00:00.020",
            ["BackoffMax"] = "00:00:00.200",
            ["GroupWait"] = "00:00:00",
            ["Receivers:0:Id"] = ReceiverId,
            ["Receivers:0:Url"] = receiverUrl.ToString(),
            ["Receivers:0:Secret"] = WebhookReceiverServer.Secret,
        })
        {
            options.Configuration[$"Monitor:Webhooks:{key}"] = value;
        }

        return await RunningSilo.StartAsync(options);
    }

    private static ReportScheduler SchedulerAt(RunningSilo silo, DateTimeOffset now) => new(
        silo.Services.GetRequiredService<ReportSchedules>(),
        silo.Services.GetRequiredService<ReportDelivery>(),
        silo.Services.GetRequiredService<IOptions<ReportOptions>>(),
        new FixedTime(now),
        silo.Services.GetRequiredService<ILogger<ReportScheduler>>());

    private static async Task<List<WebhookDeliveryView>> DeliveriesAsync(RunningSilo silo, string groupKey)
    {
        var history = await silo.Http.GetFromJsonAsync<List<WebhookDeliveryView>>($"api/webhooks/{ReceiverId}/deliveries?limit=1000", RunningSilo.Json, Cancellation);
        return [.. history!.Where(delivery => delivery.GroupKey == groupKey)];
    }

    private static async Task WaitUntilDeliveredAsync(RunningSilo silo, string groupKey, int count)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while ((await DeliveriesAsync(silo, groupKey)).Count(delivery => delivery.State == WebhookDeliveryStates.Delivered) < count)
        {
            await ticks.WaitForNextTickAsync(deadline.Token);
        }
    }

    private static bool IsReport(ReceivedWebhook request, string groupKey) =>
        request.Body.Contains("\"type\":\"report\"", StringComparison.Ordinal) && request.Json.GetProperty("groupKey").GetString() == groupKey;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
