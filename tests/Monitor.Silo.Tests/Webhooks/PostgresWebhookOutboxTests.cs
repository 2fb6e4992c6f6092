using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Collectors.Outbound;
using Monitor.Grains;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Storage;
using Monitor.Telemetry;
using Monitor.Testing;
using Monitor.Webhooks;
using Npgsql;
using Xunit;

namespace Monitor.Silo.Tests.Webhooks;

/// <summary>
/// Two silos' webhook workers (each with its own connection pool) on one real PostgreSQL database, pumping one change
/// log and dispatching concurrently: every change reaches the receiver exactly once, and no delivery is sent twice.
/// </summary>
public sealed class PostgresWebhookOutboxTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private const int Alerts = 24;
    private const int ChangesPerAlert = 5;

    [Fact]
    public async Task Two_workers_on_one_database_deliver_each_change_exactly_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var receiver = await WebhookReceiverServer.StartAsync();
        var log = new ListChangeSource();
        var options = Options.Create(new WebhookOptions
        {
            GroupWait = TimeSpan.Zero,
            GroupInterval = TimeSpan.FromMilliseconds(30),
            PollPeriod = TimeSpan.FromMilliseconds(10),
            ChangeBatchSize = 7,
            MaxConcurrentDeliveries = 4,
            Receivers =
            [
                new WebhookReceiverDefinition { Id = "pg-a", Url = receiver.Url.ToString(), Secret = WebhookReceiverServer.Secret },
                new WebhookReceiverDefinition { Id = "pg-b", Url = receiver.Url.ToString(), Secret = WebhookReceiverServer.Secret },
            ],
        });
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var instruments = new ServiceInstruments(services.GetRequiredService<IMeterFactory>());
        var silos = Enumerable.Range(0, 2).Select(_ => CreateWorker(log, options, instruments)).ToList();
        try
        {
            await DeliverConcurrentlyAsync(silos.Select(silo => silo.Worker).ToList(), log, receiver, cancellation);

            // Pruning everything delivered keeps the newest message of each receiver's group (2 x 4) and the latest change
            // of each receiver's alert, all of them open (2 x 24).
            var pruned = await new WebhookPruner(silos[0].Database, instruments).PruneAsync(DateTimeOffset.UtcNow.AddMinutes(1), cancellation);
            var messages = receiver.Received.Count;
            Assert.Equal(new WebhookPruneResult(messages - 8, (Alerts * ChangesPerAlert * 2) - (Alerts * 2)), pruned);
        }
        finally
        {
            foreach (var (worker, silo, sender) in silos)
            {
                // Stops a worker left running by a failed assertion (stopping twice is harmless).
                await worker.StopAsync(CancellationToken.None);
                worker.Dispose();
                sender.Dispose();
                await silo.DisposeAsync();
            }
        }
    }

    private async Task DeliverConcurrentlyAsync(List<WebhookWorker> workers, ListChangeSource log, WebhookReceiverServer receiver, CancellationToken cancellation)
    {

        // Both start (and create the cursor) before the first change, so every change is theirs to deliver.
        foreach (var worker in workers)
        {
            await worker.RunOnceAsync(cancellation);
        }

        // From here the workers run as the silo runs them: the hosted service's own loop.
        foreach (var worker in workers)
        {
            await worker.StartAsync(cancellation);
        }

        var groups = Enumerable.Range(0, 4).Select(_ => TestAccounts.NewGroup()).ToList();
        var alerts = Enumerable.Range(0, Alerts).Select(i => TestAlerts.Surge(groups[i % groups.Count])).ToList();
        for (var step = 0; step < ChangesPerAlert; step++)
        {
            foreach (var alert in alerts)
            {
                log.Append(step == 0 ? "opened" : "updated", TestAlerts.Grown(alert, step));
            }

            // Each round is delivered before the next begins, so every group gets several messages.
            var delivered = (step + 1) * Alerts * 2;
            await receiver.WaitUntilAsync(requests => CountChanges(requests) >= delivered, TimeSpan.FromSeconds(60), $"{delivered} changes");
        }

        var expected = Alerts * ChangesPerAlert * 2;
        var received = receiver.Received;

        // The last outcomes are recorded just after the receiver answered.
        await WaitUntilNoneOpenAsync(cancellation);
        foreach (var worker in workers)
        {
            await worker.StopAsync(cancellation);
        }

        Assert.All(received, request => Assert.True(request.SignatureValid && request.Accepted));
        Assert.Equal(received.Count, received.Select(request => request.DeliveryId).Distinct().Count());
        Assert.Equal(expected, CountChanges(receiver.Received));
        foreach (var receiverId in new[] { "pg-a", "pg-b" })
        {
            var perAlert = receiver.Received
                .Select(request => request.Json)
                .Where(message => message.GetProperty("receiver").GetString() == receiverId)
                .SelectMany(message => message.GetProperty("alerts").EnumerateArray())
                .GroupBy(entry => entry.GetProperty("alert").GetProperty("id").GetString())
                .ToDictionary(g => g.Key!, g => g.Sum(entry => entry.GetProperty("changes").GetArrayLength()));
            Assert.Equal(Alerts, perAlert.Count);
            Assert.All(perAlert.Values, count => Assert.Equal(ChangesPerAlert, count));
        }

        await using var connection = await database.DataSource.OpenConnectionAsync(cancellation);
        await using var check = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM webhook_outbox WHERE delivery_id IS NULL), (SELECT count(*) FROM webhook_outbox), " +
            "(SELECT count(*) FROM webhook_deliveries WHERE state <> 'delivered' OR attempts <> 1)", connection);
        await using var reader = await check.ExecuteReaderAsync(cancellation);
        Assert.True(await reader.ReadAsync(cancellation));
        Assert.Equal((0L, (long)expected, 0L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
    }

    private (WebhookWorker Worker, SiloDatabase Database, WebhookSender Sender) CreateWorker(ListChangeSource log, IOptions<WebhookOptions> options, ServiceInstruments instruments)
    {
        var storage = new MonitorStorageOptions { Provider = StorageProvider.Postgres, PostgresConnectionString = database.ConnectionString };
        var silo = new SiloDatabase(storage, SchemaMigrator.CreateDefault);
        var outbox = new WebhookOutbox(silo, options);
        // The receiver listens on loopback, which the silo's outbound policy admits only when allowed.
        var outbound = new OutboundAddressPolicy([System.Net.IPNetwork.Parse("127.0.0.0/8")]);
        var receivers = new WebhookReceivers(new WebhookReceiverStore(silo), options, outbound);
        var sender = new WebhookSender(options, TimeProvider.System, instruments, outbound);
        var dispatcher = new WebhookDispatcher(outbox, receivers, sender, instruments, options, TimeProvider.System, NullLogger<WebhookDispatcher>.Instance);
        var pruner = new WebhookPruner(silo, instruments);
        return (new WebhookWorker(outbox, receivers, dispatcher, pruner, log, options, TimeProvider.System, NullLogger<WebhookWorker>.Instance), silo, sender);
    }

    private async Task WaitUntilNoneOpenAsync(CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        using var period = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        do
        {
            await using var count = database.DataSource.CreateCommand("SELECT count(*) FROM webhook_deliveries WHERE state = 'pending'");
            if ((long)(await count.ExecuteScalarAsync(deadline.Token))! == 0)
            {
                return;
            }
        }
        while (await period.WaitForNextTickAsync(deadline.Token));
    }

    private static int CountChanges(IReadOnlyList<ReceivedWebhook> requests) =>
        requests.Where(request => request.Accepted).DistinctBy(request => request.DeliveryId)
            .Sum(request => request.Json.GetProperty("alerts").EnumerateArray().Sum(entry => entry.GetProperty("changes").GetArrayLength()));
}
