using Monitor.Abstractions.Alerts;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Webhooks;
using Xunit;

namespace Monitor.Silo.Tests.Webhooks;

/// <summary>The built-in path at the size of a platform purge: one incident and one grouped message, not 500 of either.</summary>
public sealed class WebhookPurgeTests
{
    private const int Accounts = 500;

    [Fact]
    public async Task One_purge_across_500_accounts_of_a_group_is_one_incident_and_one_grouped_message()
    {
        await using var receiver = await WebhookReceiverServer.StartAsync();

        // The group waits long enough for every batch to be published before its first message goes.
        var groupWait = TimeSpan.FromSeconds(45);
        await using var silo = await WebhookSilo.StartAsync(receiver.Url, new Dictionary<string, string> { ["GroupWait"] = groupWait.ToString() });
        var group = TestAccounts.NewGroup();
        var drops = Enumerable.Range(0, Accounts).Select(i => Drop(group, i)).ToList();

        // As the router delivers them: in batches.
        var published = System.Diagnostics.Stopwatch.StartNew();
        foreach (var batch in drops.Chunk(100))
        {
            await silo.Hub.PublishAsync([.. batch.Select(alert => new EpisodeEvent("opened", alert))]);
        }

        Assert.SkipWhen(published.Elapsed >= groupWait, $"Publishing took {published.Elapsed} on this machine, longer than the group wait: the message could not show grouping.");
        var incident = Assert.Single(await silo.Silo.GetAsync<List<Incident>>("api/incidents"), incident => incident.Group == group);
        Assert.Equal(Accounts, incident.Accounts.Count);

        var received = await receiver.WaitUntilAsync(requests => requests.Count >= 1, TimeSpan.FromSeconds(120), "the group's message");
        var message = Assert.Single(received);
        Assert.Equal($"{group}/drop", message.Json.GetProperty("groupKey").GetString());
        var entries = message.Json.GetProperty("alerts").EnumerateArray().Select(entry => entry.GetProperty("alert")).ToList();
        Assert.Equal(drops.Select(alert => alert.Id).Order(StringComparer.Ordinal), entries.Select(alert => alert.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(entries, alert => Assert.Equal(incident.Id, alert.GetProperty("incidentId").GetString()));
        var delivery = Assert.Single(await silo.Silo.GetAsync<List<WebhookDeliveryView>>($"api/webhooks/{WebhookSilo.ReceiverId}/deliveries"));
        Assert.Equal((WebhookDeliveryStates.Delivered, Accounts), (delivery.State, delivery.AlertCount));
    }

    private static AlertView Drop(string group, int index)
    {
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-2).AddHours(index % 24);
        var account = TestAccounts.NewKey();
        return new AlertView($"{account}/drop/{start.ToUnixTimeSeconds()}", account, "drop", "warning", "open", start, start.AddHours(6),
            380_000, null, 100, -20_000, -9.5, -20_000, -0.05, [group]);
    }
}
