using Microsoft.Extensions.Options;
using Monitor.Grains;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Storage;
using Monitor.Webhooks;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Webhooks;

/// <summary>
/// Grouping over a real SQLite outbox with the clock passed in: group_wait before the first message, group_interval
/// between messages, repeat_interval reminders while alerts stay open, and none once they are resolved.
/// </summary>
public sealed class WebhookGroupingTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDirectory _directory = new("monitor-webhook-grouping-");
    private readonly SiloDatabase _database;
    private readonly WebhookOutbox _outbox;
    private readonly ListChangeSource _log = new();
    private readonly WebhookReceiver _receiver;

    public WebhookGroupingTests()
    {
        _database = new SiloDatabase(new MonitorStorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = _directory.File("grouping.db") }, SchemaMigrator.CreateDefault);
        var options = new WebhookOptions { GroupWait = TimeSpan.FromSeconds(30), GroupInterval = TimeSpan.FromMinutes(5), RepeatInterval = TimeSpan.FromHours(4) };
        _outbox = new WebhookOutbox(_database, Options.Create(options));
        _receiver = WebhookReceiver.From(
            new WebhookReceiverDefinition { Id = "grouping", Url = "http://127.0.0.1:9/hook", Secret = WebhookReceiverServer.Secret }, options, fromSettings: true);
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_group_waits_group_wait_then_group_interval_then_repeats_while_open()
    {
        var group = TestAccounts.NewGroup();
        var first = TestAlerts.Surge(group);
        var second = TestAlerts.Surge(group);

        await PumpAsync(T0);
        _log.Append("opened", first);
        Assert.Equal(0, await PumpAsync(T0));
        Assert.Equal(0, await PumpAsync(T0.AddSeconds(29)));
        _log.Append("opened", second);
        Assert.Equal(0, await PumpAsync(T0.AddSeconds(29.9)));
        Assert.Equal(1, await PumpAsync(T0.AddSeconds(30)));
        Assert.Equal(0, await PumpAsync(T0.AddSeconds(31)));

        // Changes after the first message wait for the group interval, counted from that message.
        _log.Append("updated", TestAlerts.Grown(first, 1));
        Assert.Equal(0, await PumpAsync(T0.AddSeconds(31)));
        Assert.Equal(0, await PumpAsync(T0.AddSeconds(30).AddMinutes(5).AddSeconds(-1)));
        Assert.Equal(1, await PumpAsync(T0.AddSeconds(30).AddMinutes(5)));

        // Nothing changes for the repeat interval: one reminder with both open alerts.
        var lastMessage = T0.AddSeconds(30).AddMinutes(5);
        Assert.Equal(0, await PumpAsync(lastMessage.AddHours(4).AddSeconds(-1)));
        Assert.Equal(1, await PumpAsync(lastMessage.AddHours(4)));
        Assert.Equal(0, await PumpAsync(lastMessage.AddHours(4).AddMinutes(1)));

        var history = await _outbox.ListDeliveriesAsync(_receiver.Id, 10, Cancellation);
        Assert.Equal([2, 1, 2], history.Select(delivery => delivery.AlertCount));
        Assert.Equal(history.Count, history.Select(delivery => delivery.DeliveryId).Distinct().Count());

        // Once both are resolved (one message), no more reminders.
        _log.Append("resolved", TestAlerts.Ended(first) with { Status = "resolved" });
        _log.Append("resolved", TestAlerts.Ended(second) with { Status = "resolved" });
        Assert.Equal(0, await PumpAsync(lastMessage.AddHours(5)));
        Assert.Equal(1, await PumpAsync(lastMessage.AddHours(5).AddSeconds(30)));
        Assert.Equal(0, await PumpAsync(lastMessage.AddHours(10)));
    }

    [Fact]
    public async Task Changes_the_hub_dropped_before_they_were_read_are_counted_as_missed()
    {
        var group = TestAccounts.NewGroup();
        await PumpAsync(T0);
        for (var i = 0; i < 3; i++)
        {
            _log.Append("opened", TestAlerts.Surge(group));
        }

        _log.DropThrough(2);
        var pumped = await _outbox.PumpAsync(_log, [_receiver], T0, Cancellation);

        Assert.Equal((1, 1, 2L), (pumped.ChangesRead, pumped.Enqueued, pumped.ChangesMissed));
    }

    [Theory]
    [InlineData(1, 0.0, 2_500)]
    [InlineData(1, 1.0, 5_000)]
    [InlineData(3, 0.0, 10_000)]
    [InlineData(3, 1.0, 20_000)]
    [InlineData(12, 0.0, 450_000)]
    [InlineData(40, 1.0, 900_000)]
    public void Backoff_doubles_per_attempt_up_to_the_maximum_with_jitter_between_half_and_all(int attempts, double jitter, int expectedMilliseconds)
    {
        var delay = WebhookBackoff.Delay(attempts, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(15), jitter);

        Assert.Equal(expectedMilliseconds, delay.TotalMilliseconds, precision: 3);
    }

    private async Task<int> PumpAsync(DateTimeOffset now) => (await _outbox.PumpAsync(_log, [_receiver], now, Cancellation)).DeliveriesCreated;

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        _directory.Dispose();
    }
}
