using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts.Store;
using Monitor.Grains.Tests.Support;
using Monitor.Storage;
using Xunit;
using Monitor.Testing;

namespace Monitor.Grains.Tests.Alerts;

/// <summary>
/// What a publish reads does not grow with the open alerts elsewhere: the same publishes, made with ten times the open
/// alerts (and incidents) in other groups, make SQLite run as many instructions (<see cref="StepCountingSqliteAlertStore"/>).
/// With 100,000 open alerts, reads that scanned every membership or every incident made a 20-episode publish take over 30 s.
/// </summary>
public sealed class AlertHubReadScaleTests : IAsyncLifetime
{
    private const int GroupSize = 10;
    private static readonly DateTimeOffset Now = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDirectory _directory = new();
    private TestSilo _silo = null!;
    private StepCountingSqliteAlertStore _store = null!;

    private IAlertHubGrain Hub => _silo.Grains.GetGrain<IAlertHubGrain>("global");

    public async ValueTask InitializeAsync()
    {
        var storage = StorageTargets.Sqlite(_directory);
        _silo = await TestSilo.StartAsync(storage, new ManualTimeProvider(Now), silo => silo.Services.AddSingleton<IAlertStore>(provider =>
            new StepCountingSqliteAlertStore(storage.SqlitePath, storage.ServiceId, provider.GetRequiredService<SchemaGate>())));
        _store = (StepCountingSqliteAlertStore)_silo.Get<IAlertStore>();
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Publishing_into_a_group_reads_as_much_with_ten_times_the_open_alerts_in_other_groups()
    {
        await OpenCrowdAsync(0, 60);
        var fewer = await StepsOfPublishesAsync("target-a");
        await OpenCrowdAsync(60, 600);
        var more = await StepsOfPublishesAsync("target-b");

        Assert.Equal(600, (await Hub.QueryAsync(new AlertQuery(Status: "open", Limit: 1000))).Items.Count(alert => alert.Account.StartsWith("x:crowd", StringComparison.Ordinal)));
        Assert.InRange(fewer, 1_000, long.MaxValue);
        Assert.True(more <= fewer * 1.2, $"With 600 open alerts elsewhere the publishes ran {more:N0} SQLite instructions, with 60 {fewer:N0}.");
    }

    /// <summary>Open drops and surges on accounts x:crowd-i, ten accounts a group, correlated into incidents by the hub.</summary>
    private async Task OpenCrowdAsync(int from, int to)
    {
        var crowd = Enumerable.Range(from, to - from)
            .Select(i => EpisodeBuilder.For($"x:crowd-{i}").Kind(i % 2 == 0 ? "drop" : "surge").InGroups($"crowd-{i / GroupSize}").Opened())
            .ToList();
        foreach (var batch in crowd.Chunk(100))
        {
            await Hub.PublishAsync(batch);
        }
    }

    /// <summary>
    /// The instructions of what a group's alerts go through: a second member's drop makes an incident with the first, the
    /// first's drop grows, an unrelated surge opens alone, the second is acknowledged, the first ends.
    /// </summary>
    private async Task<long> StepsOfPublishesAsync(string group)
    {
        var first = EpisodeBuilder.For($"x:{group}-1").Kind("drop").InGroups(group);
        await Hub.PublishAsync([first.Opened()]);
        var second = EpisodeBuilder.For($"x:{group}-2").Kind("drop").InGroups(group);
        var before = _store.Steps;

        await Hub.PublishAsync([second.Opened()]);
        await Hub.PublishAsync([first.Peak(380_000).Updated()]);
        await Hub.PublishAsync([EpisodeBuilder.For($"x:{group}-3").InGroups(group).Opened()]);
        await Hub.AcknowledgeAsync(second.Id, "officer");
        await Hub.PublishAsync([first.Peak(380_000).Ended(Now.AddDays(-1)).Resolved()]);

        var steps = _store.Steps - before;
        var incident = Assert.Single(await Hub.ListIncidentsAsync(), incident => incident.Group == group);
        Assert.Equal([$"x:{group}-1", $"x:{group}-2"], incident.Accounts);
        return steps;
    }
}
