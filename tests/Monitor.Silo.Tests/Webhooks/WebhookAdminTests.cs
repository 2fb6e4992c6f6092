using System.Net.Http.Json;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Grains;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Webhooks;
using Xunit;

namespace Monitor.Silo.Tests.Webhooks;

/// <summary>What admins do to webhooks besides defining them: send a test message, retry a dead delivery, and the pruning of delivered rows.</summary>
public sealed class WebhookAdminTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_test_message_is_signed_in_the_receivers_format_and_its_outcome_is_answered()
    {
        await using var receiver = await WebhookReceiverServer.StartAsync();
        await using var silo = await WebhookSilo.StartAsync(receiver.Url);

        using var accepted = await silo.Silo.Http.PostAsync($"api/webhooks/{WebhookSilo.ReceiverId}/test", null, Cancellation);
        var result = await RunningSilo.ReadAsync<WebhookTestResult>(accepted);

        var message = Assert.Single(receiver.Received);
        Assert.Equal((true, 200, (string?)null), (result.Delivered, result.Status, result.Error));
        Assert.True(message.SignatureValid);
        Assert.Equal(result.DeliveryId, message.DeliveryId);
        Assert.Equal(WebhookTestMessage.GroupKey, message.Json.GetProperty("groupKey").GetString());
        Assert.Equal(WebhookTestMessage.Account, message.Json.GetProperty("alerts")[0].GetProperty("alert").GetProperty("account").GetString());
        Assert.Empty(await silo.Silo.GetAsync<List<WebhookDeliveryView>>($"api/webhooks/{WebhookSilo.ReceiverId}/deliveries"));

        receiver.FailAll(true);
        using var refused = await silo.Silo.Http.PostAsync($"api/webhooks/{WebhookSilo.ReceiverId}/test", null, Cancellation);
        var failed = await RunningSilo.ReadAsync<WebhookTestResult>(refused);
        Assert.Equal((false, 503), (failed.Delivered, failed.Status));

        using var unknown = await silo.Silo.Http.PostAsync("api/webhooks/nobody/test", null, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_dead_delivery_retried_by_an_admin_is_sent_again_with_its_id_and_only_dead_ones_can_be()
    {
        await using var receiver = await WebhookReceiverServer.StartAsync();
        receiver.FailAll(true);
        await using var silo = await WebhookSilo.StartAsync(receiver.Url, new Dictionary<string, string> { ["MaxAttempts"] = "2" });
        await silo.PublishAsync("opened", TestAlerts.Surge(TestAccounts.NewGroup()));
        var dead = Assert.Single(await silo.WaitForDeliveriesAsync(count => count == 1, all => all[0].State == WebhookDeliveryStates.Dead));
        receiver.FailAll(false);

        using var retried = await silo.Silo.Http.PostAsync($"api/webhooks/{WebhookSilo.ReceiverId}/deliveries/{dead.DeliveryId}/retry", null, Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var delivered = Assert.Single(await silo.WaitForDeliveriesAsync(count => count == 1, all => all[0].State == WebhookDeliveryStates.Delivered));
        Assert.Equal((dead.DeliveryId, 1), (delivered.DeliveryId, delivered.Attempts));
        var received = await receiver.WaitUntilAsync(requests => requests.Any(r => r.Accepted), Patience, "the retried delivery");
        Assert.Equal(dead.DeliveryId, received.Single(r => r.Accepted).DeliveryId);
        Assert.Single(received.Select(r => r.Body).Distinct());

        using var again = await silo.Silo.Http.PostAsync($"api/webhooks/{WebhookSilo.ReceiverId}/deliveries/{dead.DeliveryId}/retry", null, Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var unknown = await silo.Silo.Http.PostAsync($"api/webhooks/{WebhookSilo.ReceiverId}/deliveries/whd_unknown/retry", null, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Pruning_removes_delivered_rows_but_the_newest_message_of_each_group_and_the_latest_change_of_open_alerts()
    {
        await using var receiver = await WebhookReceiverServer.StartAsync();
        await using var silo = await WebhookSilo.StartAsync(receiver.Url, new Dictionary<string, string> { ["PrunePeriod"] = "1.00:00:00" });
        var ended = TestAlerts.Surge(TestAccounts.NewGroup());
        var open = TestAlerts.Surge(TestAccounts.NewGroup());
        var steps = new Func<Task>[]
        {
            () => silo.PublishAsync("opened", ended),
            () => silo.PublishAsync("updated", TestAlerts.Grown(ended, 1)),
            () => silo.PublishAsync("resolved", TestAlerts.Ended(TestAlerts.Grown(ended, 1))),
            () => silo.PublishAsync("opened", open),
        };
        for (var step = 0; step < steps.Length; step++)
        {
            await steps[step]();
            await silo.WaitForDeliveriesAsync(count => count == step + 1, all => all.All(d => d.State == WebhookDeliveryStates.Delivered));
        }

        var pruner = silo.Silo.Services.GetRequiredService<WebhookPruner>();
        var pruned = await pruner.PruneAsync(DateTimeOffset.UtcNow.AddMinutes(1), Cancellation);

        // The ended alert's group keeps its newest message; both its superseded changes and its final (resolved) one go.
        Assert.Equal(new WebhookPruneResult(Deliveries: 2, OutboxRows: 3), pruned);
        var left = await silo.Silo.GetAsync<List<WebhookDeliveryView>>($"api/webhooks/{WebhookSilo.ReceiverId}/deliveries");
        Assert.Equal(2, left.Count);
        Assert.Equal([open.Id], await OutboxAlertIdsAsync(silo));
        Assert.Equal(new WebhookPruneResult(0, 0), await pruner.PruneAsync(DateTimeOffset.UtcNow.AddMinutes(1), Cancellation));
    }

    private static async Task<List<string>> OutboxAlertIdsAsync(WebhookSilo silo)
    {
        var database = silo.Silo.Services.GetRequiredService<SiloDatabase>();
        await using var connection = await database.OpenAsync(Cancellation);
        await using var command = SiloDatabase.Command(connection, "SELECT alert_id FROM webhook_outbox ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var ids = new List<string>();
        while (await reader.ReadAsync(Cancellation))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
