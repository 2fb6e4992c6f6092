using Monitor.Abstractions.Alerts;
using Monitor.Grains.Tests.Support;
using Xunit;
using Monitor.Testing;

namespace Monitor.Grains.Tests.Alerts;

/// <summary>The alert hub's state survives a silo restart (SQLite file).</summary>
public sealed class SqliteAlertHubTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDirectory _directory = new();
    private readonly ManualTimeProvider _time = new(Now);
    private MonitorStorageOptions _storage = null!;
    private TestSilo _silo = null!;

    private IAlertHubGrain Hub => _silo.Grains.GetGrain<IAlertHubGrain>("global");

    public async ValueTask InitializeAsync()
    {
        _storage = StorageTargets.Sqlite(_directory);
        _silo = await TestSilo.StartAsync(_storage, _time);
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Alerts_silences_incidents_and_the_sequence_survive_a_restart()
    {
        var start = new DateTimeOffset(2020, 9, 27, 0, 0, 0, TimeSpan.Zero);
        var a = EpisodeBuilder.For("x:1").InGroups("g").Starting(start);
        await Hub.PublishAsync([a.Opened(), EpisodeBuilder.For("x:2").InGroups("g").Starting(start).Opened()]);
        await Hub.AcknowledgeAsync(a.Id, "officer");
        var silence = await Hub.AddSilenceAsync(new Silence("", "x:9", null, null, null, Now.AddDays(1), null, "tester", default));
        var before = await Hub.ReadChangesAsync(0, 100);

        await _silo.DisposeAsync();
        _silo = await TestSilo.StartAsync(_storage, _time);
        await Hub.PublishAsync([EpisodeBuilder.For("x:3").InGroups("g").Starting(start).Opened()]);

        var after = await Hub.ReadChangesAsync(0, 100);
        Assert.Equal(AlertText.Of(before), AlertText.Of(after.Take(before.Count)));
        Assert.Equal(before[^1].Sequence + 1, after[before.Count].Sequence);
        Assert.Equal(("acknowledged", "officer"), ((await Hub.GetAsync(a.Id))!.Status, (await Hub.GetAsync(a.Id))!.AcknowledgedBy));
        Assert.Equal(silence.Id, Assert.Single(await Hub.ListSilencesAsync()).Id);
        Assert.Equal(["x:1", "x:2", "x:3"], Assert.Single(await Hub.ListIncidentsAsync()).Accounts);
    }
}
