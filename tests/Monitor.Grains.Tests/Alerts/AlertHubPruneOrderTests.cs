using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Grains.Alerts.Store;
using Monitor.Grains.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.Grains.Tests.Alerts;

/// <summary>
/// A single hub's publish commits without a stale check, so a prune between its reads and its commit would let it write
/// back an alert the prune removed (here, as a member of the incident it forms). Nothing but Orleans' turns prevents
/// that: <see cref="IAlertHubGrain.PruneAsync"/> is not interleaving (nor is the hub's prune timer), so a prune asked for
/// while a publish is held in its reads (<see cref="PausingAlertStore"/>) waits for the publish to commit, then removes
/// the alert. Over each store (the subclasses).
/// </summary>
public abstract class AlertHubPruneOrderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset War = new(2020, 9, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private TestSilo _silo = null!;
    private PausingAlertStore _store = null!;

    private IAlertHubGrain Hub => _silo.Grains.GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey);

    protected abstract MonitorStorageOptions Storage();

    public async ValueTask InitializeAsync()
    {
        _silo = await TestSilo.StartAsync(Storage(), new ManualTimeProvider(Now), silo =>
        {
            // One alert kept: a prune removes the resolved alert below as soon as there is another.
            silo.Services.Configure<AlertHubOptions>(options => options.MaxAlerts = 1);
            var registered = silo.Services.Single(service => service.ServiceType == typeof(IAlertStore));
            silo.Services.Remove(registered);
            silo.Services.AddSingleton<IAlertStore>(provider => new PausingAlertStore((IAlertStore)registered.ImplementationFactory!(provider)));
        });
        _store = (PausingAlertStore)_silo.Get<IAlertStore>();
    }

    public virtual async ValueTask DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_prune_asked_for_while_a_publish_is_between_its_reads_and_its_commit_runs_after_the_commit()
    {
        var resolved = EpisodeBuilder.For("x:1").InGroups("g").Starting(War).Ended(War.AddDays(1));
        var other = EpisodeBuilder.For("x:5").Starting(War);
        await Hub.PublishAsync([resolved.Resolved(), other.Opened()]);
        var before = await Hub.GetLastSequenceAsync();
        var prunesBefore = await _store.GetPrunesAsync(TestContext.Current.CancellationToken);

        // The new drop correlates with the resolved alert of its group: the publish is held once it has read it.
        var (reached, release) = _store.PauseAfterReading(resolved.Id);
        var publishing = Hub.PublishAsync([EpisodeBuilder.For("x:2").InGroups("g").Starting(War).Opened()]);
        await reached.WaitAsync(Patience, TestContext.Current.CancellationToken);
        var pruning = Hub.PruneAsync();
        // An interleaving call answers while the publish is held; the prune, queued behind the publish, has not started.
        var lastWhileHeld = await Hub.GetLastSequenceAsync().WaitAsync(Patience, TestContext.Current.CancellationToken);
        var prunesWhileHeld = await _store.GetPrunesAsync(TestContext.Current.CancellationToken);
        release();
        await publishing.WaitAsync(Patience, TestContext.Current.CancellationToken);
        var pruned = await pruning.WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal(before, lastWhileHeld);
        Assert.Equal(prunesBefore, prunesWhileHeld);
        Assert.Equal(1, pruned);
        Assert.Null(await Hub.GetAsync(resolved.Id));
        Assert.Equal(["x:2", "x:5"], (await Hub.QueryAsync(new AlertQuery())).Items.Select(alert => alert.Account).Order());
        // The publish committed first: the resolved alert joined the incident, then the prune removed it (no change is logged for a prune).
        var changes = await Hub.ReadChangesAsync(lastWhileHeld, 100);
        Assert.Contains(changes, change => change.Alert.Id == resolved.Id && change.Alert.IncidentId is not null);
    }
}
