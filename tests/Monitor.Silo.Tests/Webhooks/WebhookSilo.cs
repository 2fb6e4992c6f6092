using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Webhooks;
using Orleans;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Webhooks;

/// <summary>
/// An in-process silo over a temp SQLite file with one receiver "loopback" from settings, polling every 20 ms and retrying
/// quickly; alerts are published straight to its real alert hub, as account grains do.
/// </summary>
public sealed class WebhookSilo : IAsyncDisposable
{
    /// <summary>The id of the receiver from settings.</summary>
    public const string ReceiverId = "loopback";

    private readonly TemporaryDirectory _directory;

    private WebhookSilo(TemporaryDirectory directory, RunningSilo silo)
    {
        _directory = directory;
        Silo = silo;
    }

    /// <summary>The running silo.</summary>
    public RunningSilo Silo { get; }

    /// <summary>Starts a silo whose receiver posts to <paramref name="receiverUrl"/>; <paramref name="settings"/> (under Monitor:Webhooks) override the test defaults.</summary>
    public static async Task<WebhookSilo> StartAsync(Uri receiverUrl, IReadOnlyDictionary<string, string>? settings = null)
    {
        var directory = new TemporaryDirectory("monitor-webhook-tests-");
        var options = new SiloHostOptions().UseSqlite(directory.File("silo.db"));

        // The test receivers listen on loopback, which the outbound policy refuses unless allowed.
        options.Configuration["Monitor:Outbound:AllowedRanges:0"] = "127.0.0.0/8";
        var webhooks = new Dictionary<string, string>
        {
            ["PollPeriod"] = "00:00:00.020",
            ["BackoffBase"] = "00:00:00.020",
            ["BackoffMax"] = "00:00:00.200",
            ["MaxAttempts"] = "10",
            ["GroupWait"] = "00:00:00",
            ["GroupInterval"] = "00:00:00.100",
            ["RepeatInterval"] = "01:00:00",
            ["Receivers:0:Id"] = ReceiverId,
            ["Receivers:0:Url"] = receiverUrl.ToString(),
            ["Receivers:0:Secret"] = WebhookReceiverServer.Secret,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            webhooks[key] = value;
        }

        foreach (var (key, value) in webhooks)
        {
            options.Configuration[$"Monitor:Webhooks:{key}"] = value;
        }

        try
        {
            return new WebhookSilo(directory, await RunningSilo.StartAsync(options));
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>The alert hub.</summary>
    public IAlertHubGrain Hub => Silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey);

    /// <summary>Publishes one episode change of <paramref name="alert"/> to the hub.</summary>
    public Task PublishAsync(string change, AlertView alert) => Hub.PublishAsync([new EpisodeEvent(change, alert)]);

    /// <summary>Polls the receiver's delivery history until its count and <paramref name="condition"/> are met (30 s at most); returns it.</summary>
    public async Task<List<WebhookDeliveryView>> WaitForDeliveriesAsync(Func<int, bool> countReached, Func<List<WebhookDeliveryView>, bool>? condition = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (true)
        {
            var history = await Silo.Http.GetFromJsonAsync<List<WebhookDeliveryView>>(
                $"api/webhooks/{ReceiverId}/deliveries?limit=1000", RunningSilo.Json, deadline.Token);
            if (countReached(history!.Count) && (condition is null || condition(history)))
            {
                return history;
            }

            await ticks.WaitForNextTickAsync(deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        _directory.Dispose();
    }
}
