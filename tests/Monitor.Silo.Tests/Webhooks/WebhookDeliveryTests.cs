using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Silo.Tests.Telemetry;
using Monitor.Webhooks;
using Xunit;

namespace Monitor.Silo.Tests.Webhooks;

/// <summary>
/// Webhook acceptance over SQLite: a loopback receiver verifies signatures; a surge across a group is one message; each
/// alert is sent once per grouping interval; a receiver that fails then recovers gets everything in order; dead letters.
/// </summary>
public sealed class WebhookDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_surge_across_twenty_accounts_of_a_group_is_one_signed_message()
    {
        await using var receiver = await WebhookReceiverServer.StartAsync();
        await using var silo = await WebhookSilo.StartAsync(receiver.Url, new Dictionary<string, string> { ["GroupWait"] = "00:00:02" });
        var group = TestAccounts.NewGroup();
        var alerts = Enumerable.Range(0, 20).Select(_ => TestAlerts.Surge(group)).ToList();

        foreach (var alert in alerts)
        {
            await silo.PublishAsync("opened", alert);
        }

        var received = await receiver.WaitUntilAsync(requests => requests.Count >= 1, Patience, "the group's message");
        var message = Assert.Single(received);
        Assert.True(message.SignatureValid);
        Assert.True(Math.Abs(message.SignedAt - DateTimeOffset.UtcNow.ToUnixTimeSeconds()) < 60);
        var json = message.Json;
        Assert.Equal(message.DeliveryId, json.GetProperty("deliveryId").GetString());
        Assert.Equal($"{group}/surge", json.GetProperty("groupKey").GetString());
        Assert.Equal("firing", json.GetProperty("status").GetString());
        Assert.Equal(
            alerts.Select(alert => alert.Account).Order().ToList(),
            json.GetProperty("alerts").EnumerateArray().Select(entry => entry.GetProperty("alert").GetProperty("account").GetString()!).Order().ToList());

        var history = await silo.Silo.GetAsync<List<WebhookDeliveryView>>($"api/webhooks/{WebhookSilo.ReceiverId}/deliveries");
        var delivery = Assert.Single(history);
        Assert.Equal((WebhookDeliveryStates.Delivered, 20, 1, message.DeliveryId), (delivery.State, delivery.AlertCount, delivery.Attempts, delivery.DeliveryId));
    }

    [Fact]
    public async Task Changes_within_the_group_interval_wait_for_the_next_message_and_each_alert_appears_once_per_message()
    {
        var interval = TimeSpan.FromSeconds(2);
        await using var receiver = await WebhookReceiverServer.StartAsync();
        await using var silo = await WebhookSilo.StartAsync(receiver.Url, new Dictionary<string, string>
        {
            ["GroupWait"] = "00:00:00.200",
            ["GroupInterval"] = interval.ToString(),
        });
        var group = TestAccounts.NewGroup();
        var first = TestAlerts.Surge(group);
        var second = TestAlerts.Surge(group);

        await silo.PublishAsync("opened", first);
        await receiver.WaitUntilAsync(requests => requests.Count >= 1, Patience, "the first message");
        await silo.PublishAsync("updated", TestAlerts.Grown(first, 1));
        await silo.PublishAsync("updated", TestAlerts.Grown(first, 2));
        await silo.PublishAsync("opened", second);
        await silo.Hub.AcknowledgeAsync(first.Id, "tester");
        var received = await receiver.WaitUntilAsync(requests => requests.Count >= 2, Patience, "the second message");

        Assert.All(received, message => Assert.True(message.SignatureValid && message.Accepted));
        var firstAlerts = Entries(received[0]);
        Assert.Equal([first.Id], firstAlerts.Select(entry => entry.Id));
        var secondAlerts = Entries(received[1]);
        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), secondAlerts.Select(entry => entry.Id).Order(StringComparer.Ordinal));
        var firstAgain = secondAlerts.Single(entry => entry.Id == first.Id);
        Assert.Contains("acknowledged", firstAgain.Changes);
        Assert.DoesNotContain("opened", firstAgain.Changes);
        Assert.Equal("acknowledged", firstAgain.Status);

        var history = await silo.Silo.GetAsync<List<WebhookDeliveryView>>($"api/webhooks/{WebhookSilo.ReceiverId}/deliveries");
        Assert.Equal(2, history.Count);
        Assert.All(history, delivery => Assert.Equal(WebhookDeliveryStates.Delivered, delivery.State));
        Assert.Equal([received[1].DeliveryId, received[0].DeliveryId], history.Select(delivery => delivery.DeliveryId));
        Assert.True(history[0].CreatedAt - history[1].CreatedAt >= interval,
            $"The second message was formed {(history[0].CreatedAt - history[1].CreatedAt).TotalMilliseconds} ms after the first; the group interval is {interval}.");
    }

    [Fact]
    public async Task A_receiver_that_fails_five_times_then_recovers_gets_every_change_in_order_with_stable_delivery_ids()
    {
        await using var receiver = await WebhookReceiverServer.StartAsync();
        receiver.FailNext(5);
        await using var silo = await WebhookSilo.StartAsync(receiver.Url);
        var group = TestAccounts.NewGroup();
        var alerts = Enumerable.Range(0, 3).Select(_ => TestAlerts.Surge(group)).ToList();
        var formed = 0;

        // Each step becomes its own message (the next step waits until the previous one is in the outbox's deliveries).
        async Task StepAsync(Func<Task> change)
        {
            await change();
            formed++;
            await silo.WaitForDeliveriesAsync(count => count >= formed);
        }

        foreach (var alert in alerts)
        {
            await StepAsync(() => silo.PublishAsync("opened", alert));
        }

        await StepAsync(() => silo.PublishAsync("updated", TestAlerts.Grown(alerts[0], 1)));
        await StepAsync(() => silo.Hub.AcknowledgeAsync(alerts[1].Id, "tester"));
        await StepAsync(() => silo.PublishAsync("resolved", TestAlerts.Ended(alerts[2])));
        await StepAsync(() => silo.PublishAsync("updated", TestAlerts.Grown(alerts[0], 2)));
        await StepAsync(() => silo.Hub.ResolveAsync(alerts[0].Id, "tester"));

        var received = await receiver.WaitUntilAsync(
            requests => requests.Where(r => r.Accepted).Select(r => r.DeliveryId).Distinct().Count() >= formed, Patience, $"{formed} accepted deliveries");
        var history = await silo.WaitForDeliveriesAsync(count => count >= formed, all => all.All(delivery => delivery.State == WebhookDeliveryStates.Delivered));
        received = receiver.Received;

        Assert.All(received, request => Assert.True(request.SignatureValid));
        Assert.Equal(5, received.Count(request => !request.Accepted));

        // A body sent twice is the same delivery (same idempotency id), and one delivery id always carries one body.
        Assert.All(received.GroupBy(request => request.Body), sameBody => Assert.Single(sameBody.Select(request => request.DeliveryId).Distinct()));
        Assert.All(received.GroupBy(request => request.DeliveryId), sameId => Assert.Single(sameId.Select(request => request.Body).Distinct()));

        // In the order accepted, each alert's changes only move forward, and each alert ends in its final state.
        var accepted = received.Where(request => request.Accepted).DistinctBy(request => request.DeliveryId).ToList();
        Assert.Equal(history.Select(delivery => delivery.DeliveryId).Order(StringComparer.Ordinal), accepted.Select(request => request.DeliveryId!).Order(StringComparer.Ordinal));
        var lastSequence = new Dictionary<string, long>();
        var lastStatus = new Dictionary<string, string>();
        foreach (var entry in accepted.SelectMany(Entries))
        {
            Assert.True(entry.Sequence > lastSequence.GetValueOrDefault(entry.Id), $"Alert {entry.Id} went back to sequence {entry.Sequence} after {lastSequence.GetValueOrDefault(entry.Id)}.");
            lastSequence[entry.Id] = entry.Sequence;
            lastStatus[entry.Id] = entry.Status;
        }

        foreach (var alert in alerts)
        {
            Assert.Equal((await silo.Hub.GetAsync(alert.Id))!.Status, lastStatus[alert.Id]);
        }

        Assert.Equal(6, history[^1].Attempts);
        Assert.Equal(received.Count, history.Sum(delivery => delivery.Attempts));
    }

    [Fact]
    public async Task A_delivery_that_fails_every_allowed_attempt_is_dead_lettered_and_shown_to_admins()
    {
        await using var receiver = await WebhookReceiverServer.StartAsync();
        receiver.FailAll(true);
        await using var silo = await WebhookSilo.StartAsync(receiver.Url, new Dictionary<string, string> { ["MaxAttempts"] = "3" });

        await silo.PublishAsync("opened", TestAlerts.Surge(TestAccounts.NewGroup()));
        var dead = await silo.WaitForDeliveriesAsync(_ => true, history => history.Count == 1 && history[0].State == WebhookDeliveryStates.Dead);

        var delivery = Assert.Single(dead);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal(503, delivery.LastStatus);
        Assert.Contains("503", delivery.LastError, StringComparison.Ordinal);
        Assert.Null(delivery.NextAttemptAt);
        var requests = receiver.Received;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, request => Assert.Equal(delivery.DeliveryId, request.DeliveryId));
        Assert.Equal([1, 2, 3], requests.Select(request => request.Attempt));
        var metrics = PrometheusTextParser.Parse(await silo.Silo.Http.GetStringAsync("metrics", TestContext.Current.CancellationToken)).Samples;
        Assert.Equal(1, metrics.Where(sample => sample.Name == "monitor_webhooks_deliveries_total" && sample.Has(("outcome", "dead"))).Sum(sample => sample.Value));
        Assert.Equal(2, metrics.Where(sample => sample.Name == "monitor_webhooks_deliveries_total" && sample.Has(("outcome", "failed"))).Sum(sample => sample.Value));
        Assert.Equal(3, metrics.Where(sample => sample.Name == "monitor_webhooks_failures_total").Sum(sample => sample.Value));
        Assert.Equal(3, metrics.Where(sample => sample.Name == "monitor_webhooks_latency_seconds_count").Sum(sample => sample.Value));
    }

    [Fact]
    public async Task A_slack_receiver_gets_a_signed_slack_compatible_text_message()
    {
        await using var receiver = await WebhookReceiverServer.StartAsync();
        await using var silo = await WebhookSilo.StartAsync(receiver.Url, new Dictionary<string, string>
        {
            ["Receivers:0:Format"] = WebhookFormats.Slack,
            ["GroupWait"] = "00:00:01",
        });
        var group = TestAccounts.NewGroup();
        var alerts = new[] { TestAlerts.Surge(group, severity: "critical"), TestAlerts.Surge(group) };

        foreach (var alert in alerts)
        {
            await silo.PublishAsync("opened", alert);
        }

        var message = Assert.Single(await receiver.WaitUntilAsync(requests => requests.Count >= 1, Patience, "the Slack message"));
        Assert.True(message.SignatureValid);
        var properties = message.Json.EnumerateObject().ToList();
        var text = Assert.Single(properties, property => property.Name == "text").Value.GetString()!;
        Assert.Single(properties);
        Assert.StartsWith($"*[Monitor] FIRING: {group}/surge* - 2 alerts, 2 open", text, StringComparison.Ordinal);
        var lines = text.Split('\n')[1..];
        Assert.Equal(2, lines.Length);
        Assert.All(alerts, alert => Assert.Single(lines, line => line.StartsWith($"- {alert.Account}: surge ({alert.Severity}) ", StringComparison.Ordinal)));
        Assert.All(lines, line => Assert.Contains(", +12,000 followers (+1.0%) since ", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Receivers_filter_by_group_kind_and_minimum_severity()
    {
        await using var receiver = await WebhookReceiverServer.StartAsync();
        var group = TestAccounts.NewGroup();
        await using var silo = await WebhookSilo.StartAsync(receiver.Url, new Dictionary<string, string>
        {
            ["Receivers:0:Groups:0"] = group,
            ["Receivers:0:Kinds:0"] = "surge",
            ["Receivers:0:Kinds:1"] = "drop",
            ["Receivers:0:MinSeverity"] = "warning",
            ["GroupWait"] = "00:00:00.500",
        });
        var wanted = TestAlerts.Surge(group, severity: "critical");

        await silo.PublishAsync("opened", TestAlerts.Surge(TestAccounts.NewGroup()));
        await silo.PublishAsync("opened", TestAlerts.Surge(group, kind: "spike"));
        await silo.PublishAsync("opened", TestAlerts.Surge(group, severity: "info"));
        await silo.PublishAsync("opened", wanted);

        var message = Assert.Single(await receiver.WaitUntilAsync(requests => requests.Count >= 1, Patience, "the filtered message"));
        Assert.Equal([wanted.Id], Entries(message).Select(entry => entry.Id));

        // A wrongly admitted alert could arrive after the first message: one more wanted alert, published last, marks the end
        // of what the filter had to judge, and nothing but the two wanted alerts may have come by the time it arrives.
        var last = TestAlerts.Surge(group, severity: "critical");
        await silo.PublishAsync("opened", last);
        var received = await receiver.WaitUntilAsync(
            requests => requests.SelectMany(Entries).Any(entry => entry.Id == last.Id), Patience, "the last wanted alert");
        Assert.Equal([wanted.Id, last.Id], received.SelectMany(Entries).Select(entry => entry.Id));
    }

    private static List<(string Id, long Sequence, string Status, List<string> Changes)> Entries(ReceivedWebhook message) =>
        message.Json.GetProperty("alerts").EnumerateArray()
            .Select(entry => (
                entry.GetProperty("alert").GetProperty("id").GetString()!,
                entry.GetProperty("sequence").GetInt64(),
                entry.GetProperty("alert").GetProperty("status").GetString()!,
                entry.GetProperty("changes").EnumerateArray().Select(change => change.GetString()!).ToList()))
            .ToList();
}
