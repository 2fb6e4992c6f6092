using System.Net.Http.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Client;
using Monitor.Silo.Tests.Builders;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Webhooks;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Webhooks;

/// <summary>The silo is killed with SIGKILL while its receiver is down; after a restart the receiver gets every pending delivery.</summary>
public sealed class WebhookCrashTests : IDisposable
{
    private const string ReceiverId = "crash-receiver";

    private readonly TemporaryDirectory _directory = new("monitor-webhook-crash-");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pending_deliveries_survive_kill_9_and_arrive_after_restart_with_the_same_ids()
    {
        var databasePath = _directory.File("crash.db");
        await using var receiver = await WebhookReceiverServer.StartAsync();
        receiver.FailAll(true);
        var environment = new Dictionary<string, string>
        {
            ["Monitor__Webhooks__PollPeriod"] = "00:00:00.050",
            ["Monitor__Webhooks__BackoffBase"] = "00:00:00.100",
            ["Monitor__Webhooks__BackoffMax"] = "00:00:00.500",
            ["Monitor__Webhooks__MaxAttempts"] = "1000",
            ["Monitor__Webhooks__GroupWait"] = "00:00:00",

            // A delivery in flight at the kill stays leased this long before the restarted silo may send it again.
            ["Monitor__Webhooks__RequestTimeout"] = "00:00:01",
            ["Monitor__Webhooks__LeaseDuration"] = "00:00:02",
            ["Monitor__Webhooks__GroupInterval"] = "00:00:00.100",
            ["Monitor__Webhooks__Receivers__0__Id"] = ReceiverId,
            ["Monitor__Webhooks__Receivers__0__Url"] = receiver.Url.ToString(),
            ["Monitor__Webhooks__Receivers__0__Secret"] = WebhookReceiverServer.Secret,
            ["Monitor__Outbound__AllowedRanges__0"] = "127.0.0.0/8",
        };
        var group = TestAccounts.NewGroup();
        var accounts = new[] { TestAccounts.NewKey(), TestAccounts.NewKey() };
        List<WebhookDeliveryView> before;
        List<AlertView> alerts;

        var first = await SiloProcess.StartAsync(databasePath, Cancellation, environment);
        try
        {
            var client = new MonitorClient(first.Http);
            foreach (var account in accounts)
            {
                await client.PutAccountAsync(account, new AccountProfile(Groups: [group]), Cancellation);
                Assert.Empty((await client.PostObservationsAsync(SurgeScenario.For(account), Cancellation)).Rejected);
            }

            // Every alert is in a delivery the receiver refused at least once, so only the outbox still holds it.
            alerts = (await first.Http.GetFromJsonAsync<AlertPage>("api/alerts?limit=1000", MonitorClient.JsonOptions, Cancellation))!.Items.ToList();
            Assert.Equal(accounts.Order(), alerts.Select(alert => alert.Account).Distinct().Order());
            await receiver.WaitUntilAsync(requests => requests.Count >= 2, TimeSpan.FromSeconds(60), "failed attempts before the kill");
            before = (await first.Http.GetFromJsonAsync<List<WebhookDeliveryView>>($"api/webhooks/{ReceiverId}/deliveries", MonitorClient.JsonOptions, Cancellation))!;
            Assert.NotEmpty(before);
            Assert.All(before, delivery => Assert.Equal(WebhookDeliveryStates.Pending, delivery.State));
            await first.KillAsync();
        }
        finally
        {
            await first.DisposeAsync();
        }

        var refusedBeforeKill = receiver.Received.Select(request => request.DeliveryId).ToHashSet();
        receiver.FailAll(false);
        await using var second = await SiloProcess.StartAsync(databasePath, Cancellation, environment);
        var pending = before.Select(delivery => delivery.DeliveryId).Concat(refusedBeforeKill.OfType<string>()).ToHashSet();
        var alertIds = alerts.Select(alert => alert.Id).ToHashSet();
        var received = await receiver.WaitUntilAsync(
            requests => pending.All(id => requests.Any(request => request.Accepted && request.DeliveryId == id)) && alertIds.IsSubsetOf(AcceptedAlertIds(requests)),
            TimeSpan.FromSeconds(60),
            "the deliveries pending at the kill");

        Assert.All(received, request => Assert.True(request.SignatureValid));
        Assert.All(received.Where(request => request.Accepted).GroupBy(request => request.DeliveryId), attempts => Assert.Single(attempts));
        var after = (await second.Http.GetFromJsonAsync<List<WebhookDeliveryView>>($"api/webhooks/{ReceiverId}/deliveries?limit=1000", MonitorClient.JsonOptions, Cancellation))!;
        Assert.All(after.Where(delivery => pending.Contains(delivery.DeliveryId)), delivery => Assert.Equal(WebhookDeliveryStates.Delivered, delivery.State));
    }

    private static HashSet<string> AcceptedAlertIds(IReadOnlyList<ReceivedWebhook> requests) =>
        requests.Where(request => request.Accepted)
            .SelectMany(request => request.Json.GetProperty("alerts").EnumerateArray())
            .Select(entry => entry.GetProperty("alert").GetProperty("id").GetString()!)
            .ToHashSet();

    public void Dispose() => _directory.Dispose();
}
