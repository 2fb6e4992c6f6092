using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Abstractions.Entities;
using Monitor.Core.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Grains.Alerts.Store;
using Monitor.Grains.Tests.Support;
using Xunit;

namespace Monitor.Grains.Tests.Alerts;

/// <summary>
/// The alert hub split into <see cref="Shards"/> shards over each store (the subclasses): incidents per group in the
/// group's shard, one alert row per episode across shards, one change log in commit order, operator actions across shards.
/// </summary>
public abstract class ShardedAlertHubTests : IAsyncLifetime
{
    protected const int Shards = 4;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private TestSilo _silo = null!;

    private IAlertHubGrain Hub => _silo.Grains.GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey);

    private AlertRouter Router => _silo.Get<AlertRouter>();

    /// <summary>The storage of this run (a new, empty one per test).</summary>
    protected abstract MonitorStorageOptions Storage();

    private IAlertStore Store => _silo.Get<IAlertStore>();

    public async ValueTask InitializeAsync() => _silo = await TestSilo.StartAsync(Storage(), TimeProvider.System, silo =>
    {
        silo.Services.Configure<AlertHubOptions>(options => options.HubShards = Shards);
        var store = silo.Services.Last(service => service.ServiceType == typeof(IAlertStore)).ImplementationFactory!;
        silo.Services.AddSingleton(provider => SilenceCommitHook.Over((IAlertStore)store(provider)));
    });

    public virtual async ValueTask DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Two_groups_in_different_shards_each_get_their_incident()
    {
        var (first, second) = GroupsInTwoShards();

        await Router.PublishAsync([
            EpisodeBuilder.For("x:1").InGroups(first).Opened(), EpisodeBuilder.For("x:2").InGroups(first).Opened(),
            EpisodeBuilder.For("x:3").InGroups(second).Opened(), EpisodeBuilder.For("x:4").InGroups(second).Opened()]);

        var incidents = await Hub.ListIncidentsAsync();
        Assert.Equal(
            [(first, "x:1,x:2"), (second, "x:3,x:4")],
            incidents.Select(incident => (incident.Group, string.Join(',', incident.Accounts))).OrderBy(pair => pair.Group, StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_account_in_two_groups_of_different_shards_is_one_alert_in_both_incidents()
    {
        var (first, second) = GroupsInTwoShards();
        var shared = EpisodeBuilder.For("x:1").InGroups(first, second);

        // The other members first: each shard then meets the shared alert, which the other shard may have stored already.
        await Router.PublishAsync([EpisodeBuilder.For("x:2").InGroups(first).Opened(), EpisodeBuilder.For("x:3").InGroups(second).Opened()]);
        await Router.PublishAsync([shared.Opened()]);

        var alerts = await Hub.QueryAsync(new AlertQuery { Limit = 100 });
        var incidents = await Hub.ListIncidentsAsync();
        Assert.Equal(["x:1", "x:2", "x:3"], alerts.Items.Select(alert => alert.Account).Order(StringComparer.Ordinal));
        Assert.Equal(
            [(first, "x:1,x:2"), (second, "x:1,x:3")],
            incidents.Select(incident => (incident.Group, string.Join(',', incident.Accounts))).OrderBy(pair => pair.Group, StringComparer.Ordinal));
        Assert.Contains((await Hub.GetAsync(shared.Id))!.IncidentId, incidents.Select(incident => incident.Id));
        Assert.Single(await Hub.ReadChangesAsync(0, 1_000), change => change.Alert.Id == shared.Id && change.Change == "opened");
    }

    [Fact]
    public async Task Concurrent_publishes_of_every_shard_reach_live_and_resuming_readers_once_each_in_order()
    {
        const int batches = 12;
        const int perBatch = 5;
        const int total = Shards * batches * perBatch;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(Deadline);
        var feed = _silo.Get<IAlertChangeFeed>();
        await using var fromStart = feed.SubscribeAsync(0, cancel.Token).GetAsyncEnumerator(cancel.Token);
        await using var live = feed.SubscribeAsync(null, cancel.Token).GetAsyncEnumerator(cancel.Token);
        // The first MoveNext registers each subscriber before it waits.
        var firstFromStart = fromStart.MoveNextAsync();
        var firstLive = live.MoveNextAsync();

        // Each batch goes straight to one shard, its alerts in groups of their own: one "opened" change per episode.
        await Task.WhenAll(Enumerable.Range(0, Shards).Select(shard => Task.Run(async () =>
        {
            var hub = _silo.Grains.GetGrain<IAlertHubGrain>(AlertHubShardKeys.KeyOf(shard, Shards));
            for (var batch = 0; batch < batches; batch++)
            {
                await hub.PublishAsync([.. Enumerable.Range(0, perBatch).Select(i =>
                    EpisodeBuilder.For($"x:{shard}-{batch}-{i}").InGroups($"solo-{shard}-{batch}-{i}").Opened())]);
            }
        }, cancel.Token)));

        var expected = Enumerable.Range(1, total).Select(i => (long)i).ToList();
        Assert.Equal(expected, await ReadAsync(fromStart, firstFromStart, total));
        Assert.Equal(expected, await ReadAsync(live, firstLive, total));
        await using var resumed = feed.SubscribeAsync(total / 2, cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.Equal(expected.Skip(total / 2), await ReadAsync(resumed, resumed.MoveNextAsync(), total - (total / 2)));
        Assert.Equal(total, (await Hub.QueryAsync(new AlertQuery { Limit = 1_000 })).Items.Count);
    }

    [Fact]
    public async Task Acknowledgements_made_while_shards_update_the_same_alerts_survive()
    {
        var (first, second) = GroupsInTwoShards();
        var episodes = Enumerable.Range(0, 40).Select(i => EpisodeBuilder.For($"x:{i}").InGroups(i % 2 == 0 ? first : second)).ToList();
        await Router.PublishAsync([.. episodes.Select(episode => episode.Opened())]);

        var acknowledging = Task.WhenAll(episodes.Select(episode => Hub.AcknowledgeAsync(episode.Id, "officer")));
        var updating = Task.WhenAll(episodes.Select(episode => Router.PublishAsync([episode.Peak(500_000).Updated()])));
        await Task.WhenAll(acknowledging, updating);

        var alerts = (await Hub.QueryAsync(new AlertQuery { Limit = 100 })).Items;
        Assert.Equal(episodes.Count, alerts.Count);
        Assert.All(alerts, alert => Assert.Equal(("acknowledged", "officer", 500_000L), (alert.Status, alert.AcknowledgedBy, alert.PeakFollowers)));
    }

    [Fact]
    public async Task A_silence_added_on_the_operator_hub_mutes_what_the_shards_publish_after_it()
    {
        var (first, second) = GroupsInTwoShards();
        await Router.PublishAsync([EpisodeBuilder.For("x:0").InGroups(first).Opened(), EpisodeBuilder.For("x:9").InGroups(second).Opened()]);
        await Hub.AddSilenceAsync(new Silence("", null, second, null, null, DateTimeOffset.UtcNow.AddHours(1), null, "tester", default));

        var muted = EpisodeBuilder.For("x:1").InGroups(second);
        var heard = EpisodeBuilder.For("x:2").InGroups(first);
        await Router.PublishAsync([muted.Opened(), heard.Opened()]);

        Assert.Equal((true, false), ((await Hub.GetAsync(muted.Id))!.Silenced, (await Hub.GetAsync(heard.Id))!.Silenced));
    }

    [Fact]
    public async Task A_silence_change_commits_once_while_a_shard_commits_between_its_reads_and_its_commit()
    {
        var (first, second) = GroupsInTwoShards();
        var before = EpisodeBuilder.For("x:0").InGroups(second);
        await Router.PublishAsync([before.Opened(), EpisodeBuilder.For("x:9").InGroups(first).Opened()]);
        var shard = _silo.Grains.GetGrain<IAlertHubGrain>(AlertHubShardKeys.KeyOf(AlertHubShards.BucketOf(second, Shards), Shards));
        var duringSilence = new List<EpisodeBuilder>();
        var hook = SilenceCommitHook.Of(Store);
        hook.Times = 5;
        hook.Before = async () =>
        {
            // The shard still applies the silences it had: this alert reaches the log unsilenced, after the silence's reads.
            var episode = EpisodeBuilder.For($"x:{duringSilence.Count + 1}").InGroups(second);
            duringSilence.Add(episode);
            await shard.PublishAsync([episode.Opened()]);
        };

        await Hub.AddSilenceAsync(new Silence("", null, second, null, null, DateTimeOffset.UtcNow.AddHours(1), null, "tester", default));

        Assert.Equal(1, hook.SilenceCommits);
        var alerts = (await Hub.QueryAsync(new AlertQuery { Limit = 100 })).Items;
        Assert.Equal(
            [("x:0", true), ("x:1", true), ("x:9", false)],
            alerts.Select(alert => (alert.Account, alert.Silenced)).OrderBy(pair => pair.Account, StringComparer.Ordinal));
        Assert.Equal(
            [.. Enumerable.Range(1, (int)await Hub.GetLastSequenceAsync()).Select(i => (long)i)],
            (await Hub.ReadChangesAsync(0, 1_000)).Select(change => change.Sequence));
    }

    [Fact]
    public async Task A_prune_between_a_shards_read_and_its_commit_makes_the_commit_stale()
    {
        var ended = EpisodeBuilder.For("x:1").InGroups("group-0").Ended(new DateTimeOffset(2020, 10, 1, 0, 0, 0, TimeSpan.Zero));
        await Router.PublishAsync([ended.Opened(), ended.Resolved()]);
        var session = new AlertHubSession(Store, await Store.GetLastSequenceAsync(CancellationToken.None), CancellationToken.None)
        {
            Prunes = await Store.GetPrunesAsync(CancellationToken.None),
        };
        var read = await session.GetAsync(ended.Id);
        Assert.Equal("resolved", read!.Status);

        var pruned = await Store.PruneAsync(
            new AlertRetention(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero), null, DateTimeOffset.MinValue, 1_000_000), CancellationToken.None);
        Assert.Equal(1, pruned);

        // What a shard holding the pruned alert would write back: the commit must see the prune and write nothing.
        session.Put(read with { PeakFollowers = read.PeakFollowers + 1 });
        session.Record("updated", read);
        var silences = SilenceFingerprint.Of(await Store.ListSilencesAsync(CancellationToken.None));
        var commit = await Store.CommitInSequenceAsync(session.Writes, session.ReadAt, check => session.IsStale(check, silences), CancellationToken.None);

        Assert.False(commit.Committed);
        Assert.Equal(0, await Store.CountAlertsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_entitys_accounts_in_groups_of_other_shards_meet_in_the_entitys_shard()
    {
        var entityBucket = AlertHubShards.BucketOf(AlertLabels.EntityKey("leader"), Shards);
        var groups = Enumerable.Range(0, 100).Select(i => $"group-{i}").Where(group => AlertHubShards.BucketOf(group, Shards) != entityBucket).ToList();
        var first = groups[0];
        var second = groups.First(group => AlertHubShards.BucketOf(group, Shards) != AlertHubShards.BucketOf(first, Shards));
        foreach (var account in new[] { "x:@leader", "instagram:@leader" })
        {
            await _silo.Grains.GetGrain<IAccountGrain>(account).ConfigureAsync(new AccountProfile(account.Split(':')[1]));
        }

        var created = await _silo.Grains.GetGrain<IEntityRegistryGrain>(IEntityRegistryGrain.Key)
            .CreateAsync(new Entity("leader", "leader", "person", ["x:@leader", "instagram:@leader"]));
        Assert.Equal(EntityOutcome.Done, created.Outcome);

        await Router.PublishAsync([
            EpisodeBuilder.For("x:@leader").Kind("drop").InGroups(first).Opened(),
            EpisodeBuilder.For("instagram:@leader").Kind("drop").InGroups(second).Opened()]);

        var incident = Assert.Single(await Hub.ListIncidentsAsync());
        Assert.Equal(("entity:leader", "instagram:@leader,x:@leader"), (incident.Group, string.Join(',', incident.Accounts)));
    }

    /// <summary>Two group names the stable hash puts in different shards, found among candidates (not assumed).</summary>
    private static (string First, string Second) GroupsInTwoShards()
    {
        var candidates = Enumerable.Range(0, 100).Select(i => $"group-{i}").ToList();
        var first = candidates[0];
        var second = candidates.First(group => AlertHubShards.BucketOf(group, Shards) != AlertHubShards.BucketOf(first, Shards));
        return (first, second);
    }

    private static async Task<List<long>> ReadAsync(IAsyncEnumerator<AlertChange> changes, ValueTask<bool> first, int count)
    {
        var received = new List<long>();
        if (!await first)
        {
            return received;
        }

        received.Add(changes.Current.Sequence);
        while (received.Count < count && await changes.MoveNextAsync())
        {
            received.Add(changes.Current.Sequence);
        }

        return received;
    }

    [Fact]
    public async Task A_group_member_a_shard_read_stays_as_read_when_a_prune_removes_it_and_the_commit_is_stale()
    {
        var ended = EpisodeBuilder.For("x:1").InGroups("group-0").Ended(new DateTimeOffset(2020, 10, 1, 0, 0, 0, TimeSpan.Zero));
        await Router.PublishAsync([ended.Opened(), ended.Resolved()]);
        var session = new AlertHubSession(Store, await Store.GetLastSequenceAsync(CancellationToken.None), CancellationToken.None)
        {
            Prunes = await Store.GetPrunesAsync(CancellationToken.None),
        };
        var members = await session.FindUnincidentedInGroupAsync("group-0", "surge", DateTimeOffset.MinValue, null);
        Assert.Contains(members, alert => alert.Id == ended.Id);

        await Store.PruneAsync(new AlertRetention(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero), null, DateTimeOffset.MinValue, 1_000_000), CancellationToken.None);

        // The shard correlates with the member it read (it used to read it again, find nothing and fail the publish); its commit is stale.
        var member = await session.GetAsync(ended.Id);
        Assert.Equal(("resolved", ended.Id), (member!.Status, member.Id));
        session.Put(member with { IncidentId = "incident-test" });
        session.Record("updated", member);
        var silences = SilenceFingerprint.Of(await Store.ListSilencesAsync(CancellationToken.None));
        var commit = await Store.CommitInSequenceAsync(session.Writes, session.ReadAt, check => session.IsStale(check, silences), CancellationToken.None);
        Assert.False(commit.Committed);
        Assert.Equal(0, await Store.CountAlertsAsync(CancellationToken.None));
    }
}
