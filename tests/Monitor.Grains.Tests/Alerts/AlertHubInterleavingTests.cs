using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts.Store;
using Monitor.Grains.Tests.Support;
using Monitor.Storage;
using Xunit;
using Monitor.Testing;

namespace Monitor.Grains.Tests.Alerts;

/// <summary>
/// Operator actions do not queue behind a publish in progress: a publish is held in the middle of its reads
/// (<see cref="PausingAlertStore"/>), an acknowledgement or a manual resolve completes meanwhile, and the change log and
/// the live feed stay consecutive, in commit order, with nothing lost or overwritten; nor do they wait for a silence
/// reading the unresolved alerts.
/// </summary>
public sealed class AlertHubInterleavingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TemporaryDirectory _directory = new();
    private TestSilo _silo = null!;
    private PausingAlertStore _store = null!;

    private IAlertHubGrain Hub => _silo.Grains.GetGrain<IAlertHubGrain>("global");

    public async ValueTask InitializeAsync()
    {
        var storage = StorageTargets.Sqlite(_directory);
        _silo = await TestSilo.StartAsync(storage, new ManualTimeProvider(Now), silo => silo.Services.AddSingleton<IAlertStore>(provider =>
            new PausingAlertStore(SqliteAlertStore.InFile(storage.SqlitePath!, storage.ServiceId, TimeSpan.FromSeconds(30), provider.GetRequiredService<SchemaGate>()))));
        _store = (PausingAlertStore)_silo.Get<IAlertStore>();
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task An_acknowledgement_during_a_large_publish_commits_first_and_every_feed_sees_one_consecutive_log()
    {
        var acked = EpisodeBuilder.For("x:officer-pick").InGroups("elsewhere");
        var first = EpisodeBuilder.For("x:purge-0").Kind("drop").InGroups("purge");
        await Hub.PublishAsync([acked.Opened(), first.Opened()]);
        var before = await Hub.GetLastSequenceAsync();
        var feed = _silo.Get<IAlertChangeFeed>();
        var purge = Enumerable.Range(1, 200).Select(i => EpisodeBuilder.For($"x:purge-{i}").Kind("drop").InGroups("purge").Opened()).ToList();
        // The acknowledgement, each drop's opening, and the first drop's update when it joins the purge's incident.
        var expected = 1 + purge.Count + 1;
        var live = CollectAsync(feed.SubscribeAsync(before, TestContext.Current.CancellationToken), expected);

        // The batch correlates with the first drop: it is held once it has read it.
        var (reached, release) = _store.PauseAfterReading(first.Id);
        var publishing = Hub.PublishAsync(purge);
        await reached.WaitAsync(Patience, TestContext.Current.CancellationToken);
        var acknowledged = await Hub.AcknowledgeAsync(acked.Id, "officer").WaitAsync(Patience, TestContext.Current.CancellationToken);
        var whileHeld = await Hub.ReadChangesAsync(before, 100);
        release();
        await publishing.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var log = await Hub.ReadChangesAsync(0, 1_000);
        var afterAck = await CollectAsync(feed.SubscribeAsync(before + 1, TestContext.Current.CancellationToken), expected - 1).WaitAsync(Patience, TestContext.Current.CancellationToken);
        var streamed = await live.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Equal(before + expected, log.Count);
        Assert.Equal("acknowledged", acknowledged!.Status);
        Assert.False(publishing.IsFaulted);
        Assert.Equal([("acknowledged", acked.Id, before + 1)], whileHeld.Select(c => (c.Change, c.Alert.Id, c.Sequence)));
        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(c => c.Sequence));
        Assert.Equal(201, log.Where(c => c.Sequence > before + 1).Select(c => c.Alert.Id).Distinct().Count());
        Assert.Equal(log.Where(c => c.Sequence > before).Select(c => (c.Sequence, c.Change, c.Alert.Id)), streamed.Select(c => (c.Sequence, c.Change, c.Alert.Id)));
        Assert.Equal(log.Where(c => c.Sequence > before + 1).Select(c => (c.Sequence, c.Change, c.Alert.Id)), afterAck.Select(c => (c.Sequence, c.Change, c.Alert.Id)));
        Assert.Equal(("acknowledged", "officer"), ((await Hub.GetAsync(acked.Id))!.Status, (await Hub.GetAsync(acked.Id))!.AcknowledgedBy));

        static async Task<List<AlertChange>> CollectAsync(IAsyncEnumerable<AlertChange> changes, int count)
        {
            var collected = new List<AlertChange>();
            await foreach (var change in changes)
            {
                collected.Add(change);
                if (collected.Count == count)
                {
                    break;
                }
            }

            return collected;
        }
    }

    [Fact]
    public async Task An_acknowledgement_of_an_alert_the_held_publish_read_survives_the_publish_which_is_applied_again()
    {
        var surge = EpisodeBuilder.For("x:1");
        await Hub.PublishAsync([surge.Opened()]);
        var before = await Hub.GetLastSequenceAsync();

        var (reached, release) = _store.PauseAfterReading(surge.Id);
        var publishing = Hub.PublishAsync([surge.Peak(450_000).Updated(), EpisodeBuilder.For("x:2").Opened()]);
        await reached.WaitAsync(Patience, TestContext.Current.CancellationToken);
        await Hub.AcknowledgeAsync(surge.Id, "officer").WaitAsync(Patience, TestContext.Current.CancellationToken);
        release();
        await publishing.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var alert = await Hub.GetAsync(surge.Id);
        var changes = await Hub.ReadChangesAsync(before, 100);
        Assert.Equal(("acknowledged", "officer", 450_000L), (alert!.Status, alert.AcknowledgedBy, alert.PeakFollowers));
        Assert.Equal(
            [(before + 1, "acknowledged", surge.Id, "acknowledged"), (before + 2, "updated", surge.Id, "acknowledged"), (before + 3, "opened", EpisodeBuilder.For("x:2").Id, "open")],
            changes.Select(c => (c.Sequence, c.Change, c.Alert.Id, c.Alert.Status)));
    }

    [Fact]
    public async Task An_outage_resolved_by_hand_while_a_held_publish_read_it_inhibits_nothing_the_publish_opens()
    {
        var start = new DateTimeOffset(2020, 9, 27, 0, 0, 0, TimeSpan.Zero);
        var outage = EpisodeBuilder.For("").OnPlatform("x").Kind("outage", "critical").Starting(start);
        await Hub.PublishAsync([outage.Opened()]);
        var drop = EpisodeBuilder.For("x:3").Kind("drop").Starting(start.AddHours(1));

        // The publish reads the open outage to inhibit the new drop, and is held there while an operator resolves it.
        var (reached, release) = _store.PauseAfterReading(outage.Id);
        var publishing = Hub.PublishAsync([drop.Opened()]);
        await reached.WaitAsync(Patience, TestContext.Current.CancellationToken);
        await Hub.ResolveAsync(outage.Id, "officer").WaitAsync(Patience, TestContext.Current.CancellationToken);
        release();
        await publishing.WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal("resolved", (await Hub.GetAsync(outage.Id))!.Status);
        Assert.Null((await Hub.GetAsync(drop.Id))!.InhibitedBy);
    }

    [Fact]
    public async Task While_a_silence_reads_the_unresolved_alerts_an_acknowledgement_and_a_publish_commit_and_it_mutes_what_opened_meanwhile()
    {
        var watched = EpisodeBuilder.For("x:1").InGroups("watched");
        var acked = EpisodeBuilder.For("x:2");
        // A drop: in no incident with the surge, so the publish writes only its own alert.
        var late = EpisodeBuilder.For("x:3").Kind("drop").InGroups("watched");
        await Hub.PublishAsync([watched.Opened(), acked.Opened()]);
        var before = await Hub.GetLastSequenceAsync();

        // The silence is held once it has read the first page of unresolved alerts (it holds x:1).
        var (reached, release) = _store.PauseAfterReading(watched.Id);
        var silencing = Hub.AddSilenceAsync(new Silence("", null, "watched", null, null, Now.AddDays(1), "test", "officer", default));
        await reached.WaitAsync(Patience, TestContext.Current.CancellationToken);
        await Hub.AcknowledgeAsync(acked.Id, "officer").WaitAsync(Patience, TestContext.Current.CancellationToken);
        await Hub.PublishAsync([late.Opened()]).WaitAsync(Patience, TestContext.Current.CancellationToken);
        release();
        await silencing.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var changes = await Hub.ReadChangesAsync(before, 100);
        Assert.Equal(
            [(before + 1, "acknowledged", acked.Id, false), (before + 2, "opened", late.Id, false),
                (before + 3, "updated", late.Id, true), (before + 4, "updated", watched.Id, true)],
            changes.Select(c => (c.Sequence, c.Change, c.Alert.Id, c.Alert.Silenced)));
        Assert.Equal((true, true, false), ((await Hub.GetAsync(watched.Id))!.Silenced, (await Hub.GetAsync(late.Id))!.Silenced, (await Hub.GetAsync(acked.Id))!.Silenced));
    }
}
