using Monitor.Abstractions.Alerts;
using Monitor.Grains.Tests.Support;
using Xunit;

namespace Monitor.Grains.Tests.Alerts;

/// <summary>The live change feed: backlog then live changes, no gap, no duplicate.</summary>
public sealed class AlertChangeFeedTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private TestSilo _silo = null!;

    private IAlertHubGrain Hub => _silo.Grains.GetGrain<IAlertHubGrain>("global");

    private IAlertChangeFeed Feed => _silo.Get<IAlertChangeFeed>();

    public async ValueTask InitializeAsync() => _silo = await TestSilo.StartAsync(StorageTargets.Memory(), TimeProvider.System);

    public async ValueTask DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Resuming_after_a_sequence_replays_the_backlog_then_follows_live_changes_without_gap_or_duplicate()
    {
        await PublishAsync(0, 5);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(Deadline);
        var received = new List<long>();
        var reading = Task.Run(async () =>
        {
            await foreach (var change in Feed.SubscribeAsync(2, cancel.Token))
            {
                received.Add(change.Sequence);
                if (change.Sequence == 25)
                {
                    break;
                }
            }
        }, TestContext.Current.CancellationToken);

        for (var i = 5; i < 25; i++)
        {
            await PublishAsync(i, 1);
        }

        await reading;
        Assert.Equal(Enumerable.Range(3, 23).Select(i => (long)i), received);
    }

    [Fact]
    public async Task A_live_subscription_sees_only_changes_made_after_it()
    {
        await PublishAsync(0, 3);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(Deadline);
        await using var changes = Feed.SubscribeAsync(null, cancel.Token).GetAsyncEnumerator(cancel.Token);
        // The first MoveNext registers the subscriber before it waits.
        var first = changes.MoveNextAsync();

        await PublishAsync(3, 1);

        Assert.True(await first);
        Assert.Equal((4L, "opened", "x:3"), (changes.Current.Sequence, changes.Current.Change, changes.Current.Alert.Account));
    }

    [Fact]
    public async Task A_subscriber_that_falls_far_behind_catches_up_from_the_hub_without_a_gap()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(Deadline);
        await using var changes = Feed.SubscribeAsync(null, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var first = changes.MoveNextAsync();
        var count = Monitor.Grains.Alerts.AlertChangeFeed.SubscriberBuffer + 500;

        await PublishAsync(0, count);

        var received = new List<long>();
        Assert.True(await first);
        received.Add(changes.Current.Sequence);
        while (received.Count < count && await changes.MoveNextAsync())
        {
            received.Add(changes.Current.Sequence);
        }

        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), received);
    }

    private Task PublishAsync(int from, int count) =>
        Hub.PublishAsync([.. Enumerable.Range(from, count).Select(i => EpisodeBuilder.For($"x:{i}").Opened())]);
}
